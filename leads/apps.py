from django.apps import AppConfig


class LeadsConfig(AppConfig):
    """What staff work: consultation requests and everything done with them."""

    name = "leads"
