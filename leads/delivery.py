"""Delivering a lead's notification: at most once, whatever fails around the send, with backoff.

The task queue's task (leads.tasks) calls `lead_notify`; the services that queue the task
(leads.services) read the backoff from here. Nothing here imports the task, so there is no circle.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import audit
from .models import Lead, LeadEvent
from .notifications import (
    describe_email,
    email_context,
    patient_confirmation,
    practice_notification,
    send_emails,
)

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)


def first_attempt_grace():
    """How long the sweeper leaves a new lead to the task queued with it: two retry units."""
    return timedelta(seconds=2 * settings.LEADS_RETRY_UNIT_SECONDS)


def backoff(attempts):
    """Wait after the given number of failed attempts: 1, 2, 4 ... retry units, at most an hour."""
    unit = timedelta(seconds=settings.LEADS_RETRY_UNIT_SECONDS)
    return min(unit * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


class LeadNotificationFailed(Exception):
    """A lead's emails could not be sent; the message is only the name of the original error.

    The task queue stores what a task raises, and an SMTP error can carry the patient's address,
    so the original exception (message, traceback, context) never leaves lead_notify.
    """


def lead_notify(*, lead_id):
    """Tell the practice about one lead at most once, whatever fails around the send.

    In one transaction, with the lead's row locked so that two workers never both send:
    1. build the practice's email (a template or settings error stops here, before anything is sent);
    2. in a savepoint, write the audit entry and mark the lead sent;
    3. send, the last step that can fail;
    4. commit.
    If step 1 or 2 fails (a database error writing the audit entry, say), no email has gone out:
    the failure is recorded on the lead and the sweeper retries later. If the send fails, the
    savepoint is rolled back, so the trail records no email and the lead is marked failed. After a
    successful send only the commit remains, so a failure to record the email can no longer make
    the sweeper send it again (every attempt also carries the same Message-ID).
    The patient's confirmation follows, once and on its own (`send_patient_confirmation`).

    Returns True when sent now, False when there was nothing to do; a failure is recorded on the
    lead and then raised as LeadNotificationFailed.
    """
    failure = None
    with transaction.atomic():
        lead = (
            Lead.objects.select_for_update(skip_locked=True)
            .filter(
                pk=lead_id,
                notification_state__in=[Lead.NotificationState.PENDING, Lead.NotificationState.FAILED],
            )
            .first()
        )
        if lead is None:
            return False
        lead.notification_attempts += 1
        try:
            with transaction.atomic():
                context = email_context(lead)
                notification = practice_notification(lead, context)
                audit.record_lead_emailed(lead=lead, descriptions=[describe_email(notification, lead)])
                lead.notification_state = Lead.NotificationState.SENT
                lead.notification_error = ""
                lead.notified_at = timezone.now()
                lead.notification_next_attempt_at = None
                save_notification_state(lead)
                send_emails([notification])
        except Exception as exc:
            failure = type(exc).__name__
            lead.notification_state = Lead.NotificationState.FAILED
            lead.notification_error = failure
            lead.notified_at = None
            lead.notification_next_attempt_at = timezone.now() + backoff(lead.notification_attempts)
            save_notification_state(lead)
    if failure is not None:
        logger.warning("Notification for lead %s failed: %s", lead_id, failure)
        raise LeadNotificationFailed(failure)
    send_patient_confirmation(lead, context)
    return True


def send_patient_confirmation(lead, context):
    """Email the patient a confirmation once, after the practice's email is committed; never retried.

    A patient address the mail server refuses (a typo, a full mailbox) must not fail the lead's
    notification, or every retry would send the practice its email again. So the confirmation is
    best effort: its audit entry is written in a savepoint before the send and rolled back if the
    send fails, and the front desk finds a note on the lead's timeline saying to check the address.
    """
    try:
        with transaction.atomic():
            confirmation = patient_confirmation(lead, context)
            if confirmation is None:
                return
            audit.record_lead_emailed(lead=lead, descriptions=[describe_email(confirmation, lead)])
            send_emails([confirmation])
    except Exception as exc:
        failure = type(exc).__name__
        logger.warning("Confirmation to the patient of lead %s failed: %s", lead.pk, failure)
        LeadEvent.objects.create(
            lead=lead,
            kind=LeadEvent.Kind.NOTE,
            note=f"The confirmation email to the patient was not delivered ({failure}): check their address.",
        )


def save_notification_state(lead):
    lead.save(
        update_fields=[
            "notification_state",
            "notification_attempts",
            "notification_error",
            "notification_next_attempt_at",
            "notified_at",
            "updated_at",
        ]
    )
