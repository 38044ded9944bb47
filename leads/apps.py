from django.apps import AppConfig


class LeadsConfig(AppConfig):
    """What a lead is and how one arrives: consultation requests, their consent and attribution."""

    name = "leads"

    def ready(self):
        from django.db.models.signals import post_save

        from practice.cache import register_hit_hook
        from practice.health import register_check

        from .health import notification_check
        from .middleware import attribution_on_cache_hit
        from .models import ConsentVersion
        from .models.consent import forget_wording_shown, purge_pages_showing_wording

        register_check("lead_notifications", notification_check)
        # Pages answered from the cache before Django still give a visitor their first touch.
        register_hit_hook(attribution_on_cache_hit)
        # Its admin screens are the front desk's.
        post_save.connect(
            purge_pages_showing_wording, sender=ConsentVersion, dispatch_uid="consent-version-purges-pages"
        )
        post_save.connect(
            forget_wording_shown, sender=ConsentVersion, dispatch_uid="consent-version-shown-forgotten"
        )
