from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    """Checks of page content against advertising rules before it is published."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "compliance"
