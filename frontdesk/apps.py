from django.apps import AppConfig


class FrontdeskConfig(AppConfig):
    """The front desk's screens in the Wagtail admin, one floor above leads: nothing imports them."""

    name = "frontdesk"
    verbose_name = "Front desk"

    def ready(self):
        self.register_consent_admin()

    @staticmethod
    def register_consent_admin():
        """Consent versions are append-only in the admin too: staff read every version and add new ones."""
        from wagtail.permissions import register_permission_policy
        from wagtail.snippets.models import register_snippet

        from leads.models import ConsentVersion

        from .consent_admin import AppendOnlyPermissionPolicy, ConsentVersionViewSet

        register_permission_policy(ConsentVersion, AppendOnlyPermissionPolicy(ConsentVersion))
        register_snippet(ConsentVersionViewSet)
