from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Which pages and campaigns bring patients: page views counted without cookies or any
    identifier, kept only as daily aggregates, and joined to the leads they led to."""

    name = "analytics"

    def ready(self):
        import crawleruseragents

        from practice.cache import register_hit_hook

        from .middleware import page_view_on_cache_hit

        # Pages answered from the cache before Django are counted too.
        register_hit_hook(page_view_on_cache_hit)
        # The crawler list's patterns are compiled on first use: here, when each web server worker
        # loads the application, not in its first request.
        crawleruseragents.is_crawler("")
