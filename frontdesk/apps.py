from django.apps import AppConfig


class FrontdeskConfig(AppConfig):
    """The front desk's screens in the Wagtail admin, one floor above leads: nothing imports them."""

    name = "frontdesk"
    verbose_name = "Front desk"

    def ready(self):
        self.register_consent_admin()
        self.keep_report_summary()

    @staticmethod
    def keep_report_summary():
        """A change to a lead, its status moves or its consultations marks its day's summary stale;
        the lead sweeper queues the worker's summary of the days that need one."""
        from django.db.models.signals import post_delete, post_save

        from appointments.models import Appointment
        from leads.delivery import sweeping
        from leads.models import Lead, LeadEvent

        from .summaries import lead_changed, lead_part_changed, status_moved
        from .tasks import summaries_sweep

        for signal in (post_save, post_delete):
            signal.connect(lead_changed, sender=Lead, dispatch_uid=f"frontdesk.lead_changed.{signal}")
            signal.connect(status_moved, sender=LeadEvent, dispatch_uid=f"frontdesk.status_moved.{signal}")
            signal.connect(
                lead_part_changed, sender=Appointment, dispatch_uid=f"frontdesk.appointment.{signal}"
            )
        sweeping.connect(summaries_sweep, dispatch_uid="frontdesk.summaries_sweep")

    @staticmethod
    def register_consent_admin():
        """Consent versions are append-only in the admin too: staff read every version and add new ones."""
        from wagtail.permissions import register_permission_policy
        from wagtail.snippets.models import register_snippet

        from leads.models import ConsentVersion

        from .consent_admin import AppendOnlyPermissionPolicy, ConsentVersionViewSet

        register_permission_policy(ConsentVersion, AppendOnlyPermissionPolicy(ConsentVersion))
        register_snippet(ConsentVersionViewSet)
