from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff sign-in: the second factor, the per-username lockout and how long a session lasts."""

    name = "staff"
    verbose_name = "Staff sign-in"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
