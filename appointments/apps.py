from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    """Consultation appointments: availability per clinic, free slots, and booking with capacity."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "appointments"
    verbose_name = "appointments"

    def ready(self):
        from leads.delivery import sweeping
        from leads.privacy import register_export_section
        from practice.health import register_check

        from .email_queue import emails_sweep
        from .health import appointment_email_check
        from .privacy import appointments_of, proposed_times_of

        register_export_section("appointments", appointments_of)
        register_export_section("proposed_times", proposed_times_of)
        # The lead sweeper also queues this app's due reminders and overdue emails.
        sweeping.connect(emails_sweep, dispatch_uid="appointments.emails_sweep")
        register_check("appointment_emails", appointment_email_check)
