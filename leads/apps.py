from django.apps import AppConfig


class LeadsConfig(AppConfig):
    """What staff work: consultation requests and everything done with them."""

    name = "leads"

    def ready(self):
        from practice.health import register_check

        from .health import notification_check

        register_check("lead_notifications", notification_check)
