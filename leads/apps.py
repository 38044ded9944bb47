from django.apps import AppConfig


class LeadsConfig(AppConfig):
    """What staff work: consultation requests and everything done with them."""

    name = "leads"

    def ready(self):
        from practice.cache import register_hit_hook
        from practice.health import register_check

        from .health import notification_check
        from .middleware import attribution_on_cache_hit

        register_check("lead_notifications", notification_check)
        # Pages answered from the cache before Django still give a visitor their first touch.
        register_hit_hook(attribution_on_cache_hit)
        self.register_consent_admin()

    @staticmethod
    def register_consent_admin():
        """Consent versions are append-only in the admin too, and a new one empties the page cache:
        cached pages would show the old words (their forms still record the version they show)."""
        from django.db.models.signals import post_save
        from wagtail.permissions import register_permission_policy
        from wagtail.snippets.models import register_snippet

        from practice.signals import purge_after_commit

        from .consent_admin import AppendOnlyPermissionPolicy, ConsentVersionViewSet
        from .models import ConsentVersion

        register_permission_policy(ConsentVersion, AppendOnlyPermissionPolicy(ConsentVersion))
        register_snippet(ConsentVersionViewSet)
        post_save.connect(
            purge_after_commit, sender=ConsentVersion, dispatch_uid="consent-version-purges-pages"
        )
