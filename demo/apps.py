from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for a fresh installation; depends on every other app, nothing depends on it."""

    name = "demo"
