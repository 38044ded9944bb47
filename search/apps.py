from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search for patients: every live page of the current site, through Wagtail search."""

    name = "search"
    label = "site_search"
