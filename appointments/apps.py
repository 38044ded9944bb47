from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    """Consultation appointments: availability per clinic, free slots, and booking with capacity."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "appointments"
    verbose_name = "appointments"
