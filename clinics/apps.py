from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    """The practice's clinics: where each one is, when it is open, and what it offers at what price."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "clinics"
    verbose_name = "clinics"

    def ready(self):
        from . import receivers

        receivers.connect()
