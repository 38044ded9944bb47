from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    """Consultation appointments: availability per clinic, free slots, and booking with capacity."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "appointments"
    verbose_name = "appointments"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from leads.delivery import sweeping
        from leads.privacy import register_export_section
        from practice.health import register_check
        from practice.signals import purge_after_commit

        from .email_queue import emails_sweep
        from .health import appointment_email_check
        from .models import ConsultationAvailability, ConsultationTimes
        from .privacy import appointments_of, proposed_times_of

        register_export_section("appointments", appointments_of)
        register_export_section("proposed_times", proposed_times_of)
        register_check("appointment_emails", appointment_email_check)
        # The lead sweeper also queues this app's due reminders and overdue emails.
        sweeping.connect(emails_sweep, dispatch_uid="appointments.emails_sweep")
        # Cached pages carry the times offered: changing what is offered empties the page cache.
        for model in (ConsultationAvailability, ConsultationTimes):
            name = model.__name__
            post_save.connect(purge_after_commit, sender=model, dispatch_uid=f"page-cache-{name}-saved")
            post_delete.connect(purge_after_commit, sender=model, dispatch_uid=f"page-cache-{name}-deleted")
