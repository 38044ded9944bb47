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
