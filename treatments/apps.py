from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    """What patients read: treatment pages, articles and their FAQs."""

    name = "treatments"
