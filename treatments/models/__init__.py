"""Pages patients read: treatments, articles and the indexes that list them."""

from .article_pages import ArticleIndexPage, ArticlePage
from .categories import TreatmentCategory
from .treatment_pages import TreatmentIndexPage, TreatmentPage

__all__ = ["ArticleIndexPage", "ArticlePage", "TreatmentCategory", "TreatmentIndexPage", "TreatmentPage"]
