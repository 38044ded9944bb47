"""The per-username lockout, beside django-axes' lockout of (username, address) pairs.

Axes locks one address out of one account after a few guesses, which never stops someone who
guesses slowly from many addresses. This counts a username's failures from every address over a
longer window, with a higher limit, so an office typo never trips it but a spread-out attack does.
An administrator can lift both locks at once (`unlock`).
"""

from datetime import timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AccountAction, FailedSignIn, StaffAccountEvent


def _window_start():
    return timezone.now() - timedelta(hours=settings.STAFF_USERNAME_FAILURE_WINDOW_HOURS)


def record_failure(username):
    """Count one failed sign-in for `username` (any address)."""
    if username:
        FailedSignIn.objects.filter(at__lt=_window_start()).delete()  # no longer counted
        FailedSignIn.objects.create(username=username)


def is_username_locked(username):
    """True once `username` has failed STAFF_USERNAME_FAILURE_LIMIT times within the window."""
    if not username:
        return False
    recent = FailedSignIn.objects.filter(username=username, at__gte=_window_start())
    return recent.count() >= settings.STAFF_USERNAME_FAILURE_LIMIT


def is_locked_out(username):
    """Locked by either lock: ours per username, or axes' for any (username, address) pair."""
    pair_locked = AccessAttempt.objects.filter(
        username=username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - get_cool_off(),
    ).exists()
    return pair_locked or is_username_locked(username)


@transaction.atomic
def unlock(*, actor, subject):
    """Lift every sign-in lock on `subject`'s username, and record who did it."""
    FailedSignIn.objects.filter(username=subject.get_username()).delete()
    reset_axes(username=subject.get_username())
    return StaffAccountEvent.record(actor=actor, subject=subject, action=AccountAction.UNLOCKED)
