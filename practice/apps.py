from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """The site-wide app: base page, home and standard pages, practice details."""

    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from django.core import checks as django_checks

        from . import checks, signals

        signals.connect()
        django_checks.register(checks.check_trusted_proxies, django_checks.Tags.security, deploy=True)
