from django.apps import AppConfig


class ReviewedPagesConfig(AppConfig):
    """Test-only: a page type that carries clinical review, as treatments and articles will."""

    name = "tests.reviewed_pages"
    label = "reviewed_pages"
