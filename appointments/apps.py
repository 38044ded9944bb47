from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    """Consultation appointments: availability per clinic, free slots, and booking with capacity."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "appointments"
    verbose_name = "appointments"

    def ready(self):
        from leads.delivery import sweeping

        from .email_queue import emails_sweep

        # The lead sweeper also queues this app's due reminders and overdue emails.
        sweeping.connect(emails_sweep, dispatch_uid="appointments.emails_sweep")
