"""The leads app's part of the health check: notifications the practice has not received."""

from datetime import timedelta

from django.utils import timezone

from .models import Lead

# Retries back off to an hour; a notification still undelivered after that needs a person.
FAILING_ALARM_AFTER = timedelta(hours=1)


def notification_check():
    """Counts of undelivered notifications; alarm when one is older than an hour."""
    undelivered = Lead.objects.filter(
        notification_state__in=[Lead.NotificationState.PENDING, Lead.NotificationState.FAILED]
    )
    return undelivered_check(undelivered, alarm="notifications_failing")


def undelivered_check(undelivered, *, alarm):
    """Counts of `undelivered` rows (each with its created_at), and `alarm` when one of them is
    older than an hour; other apps' emails (appointments) are checked the same way."""
    overdue = undelivered.filter(created_at__lt=timezone.now() - FAILING_ALARM_AFTER).count()
    state = {"status": "ok", "undelivered": undelivered.count(), "undelivered_over_an_hour": overdue}
    return state, [alarm] if overdue else []
