from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """The site-wide app: base page, home and standard pages, practice details."""

    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from . import signals

        signals.connect()
