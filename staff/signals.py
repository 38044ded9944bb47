"""Receivers for Django's sign-in signals: count failures per username, stamp when a session began."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import lockout, sessions


@receiver(user_login_failed)
def count_failure_for_username(sender, credentials, request=None, **kwargs):
    # A refusal because the username is already locked is not a new guess.
    if not getattr(request, "staff_username_locked", False):
        lockout.record_failure(credentials.get("username", ""))


@receiver(user_logged_in)
def start_staff_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.start(request.session)
