from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Which pages and campaigns bring patients: page views counted without cookies or any
    identifier, kept only as daily aggregates, and joined to the leads they led to."""

    name = "analytics"
