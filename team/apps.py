from django.apps import AppConfig


class TeamConfig(AppConfig):
    """Practitioners, their public profiles and the clinical review of pages they sign off."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "team"
    verbose_name = "team"
