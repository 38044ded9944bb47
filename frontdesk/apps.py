from django.apps import AppConfig


class FrontdeskConfig(AppConfig):
    """The front desk's screens in the Wagtail admin, one floor above leads: nothing imports them."""

    name = "frontdesk"
    verbose_name = "Front desk"
