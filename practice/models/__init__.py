"""Site-wide models: the abstract base page, home and standard pages, and practice details."""

from .address import PostalAddressFields
from .base_page import BasePage
from .pages import HomePage, HomePageFeaturedItem, StandardPage
from .practice_settings import PracticeSettings, TaglineTranslation

__all__ = [
    "BasePage",
    "PostalAddressFields",
    "HomePage",
    "HomePageFeaturedItem",
    "PracticeSettings",
    "StandardPage",
    "TaglineTranslation",
]
