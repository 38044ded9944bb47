"""Delivering emails at most once, whatever fails around the send, with backoff: a lead's
notification here, and any other app's email kept in an `Outbox` of fields (appointments).

The task queue's task (leads.tasks) calls `lead_notify`; the services that queue the task
(leads.services) read the backoff from here. Nothing here imports the task, so there is no circle.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation

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


class DeliveryFailed(Exception):
    """An email could not be sent; the message is only the name of the original error.

    The task queue stores what a task raises, and an SMTP error can carry the patient's address,
    so the original exception (message, traceback, context) never leaves `send_once`.
    """


class LeadNotificationFailed(DeliveryFailed):
    """The practice's email about a lead could not be sent."""


@dataclass(frozen=True)
class Outbox:
    """The fields in which a model keeps one email's delivery: its state (a Lead.NotificationState),
    attempts, the last error's class name, when to try again and when it was sent."""

    state: str
    attempts: str
    error: str
    next_attempt_at: str
    sent_at: str
    # Saved with the state: a lead's updated_at, which keeps it out of the retention purge.
    touched: tuple = ()

    def mark(self, row, state, *, error="", next_attempt_at=None, sent_at=None):
        setattr(row, self.state, state)
        setattr(row, self.error, error)
        setattr(row, self.next_attempt_at, next_attempt_at)
        setattr(row, self.sent_at, sent_at)
        row.save(
            update_fields=[
                self.state,
                self.attempts,
                self.error,
                self.next_attempt_at,
                self.sent_at,
                *self.touched,
            ]
        )


LEAD_OUTBOX = Outbox(
    state="notification_state",
    attempts="notification_attempts",
    error="notification_error",
    next_attempt_at="notification_next_attempt_at",
    sent_at="notified_at",
    touched=("updated_at",),
)

DUE = (Lead.NotificationState.PENDING, Lead.NotificationState.FAILED)

# Apps whose emails ride the lead sweeper connect here (in their ready()), so leads imports
# none of them: each receiver takes `limit`, queues again what is due and returns how many.
sweeping = Signal()


def send_once(rows, *, outbox, compose, failed=DeliveryFailed):
    """Send one row's email at most once, whatever fails around the send.

    In one transaction, with the row locked so that two workers never both send (a row another
    worker holds is skipped, and so is one already sent):
    1. `compose(row)` builds the messages and writes their audit entries, in a savepoint (a
       template or settings error stops here, before anything is sent); an empty list means
       there is nothing to send any more, and the row is marked not needed;
    2. mark the row sent;
    3. send, the last step that can fail;
    4. commit.
    If step 1 or 2 fails (a database error writing the audit entry, say), no email has gone out:
    the failure is recorded on the row and the sweeper retries later. If the send fails, the
    savepoint is rolled back, so the trail records no email and the row is marked failed. After a
    successful send only the commit remains, so a failure to record the email can no longer make
    the sweeper send it again (every attempt also carries the same Message-ID). A worker killed
    before the commit leaves the row as it was, for the sweeper.

    Returns the row when sent (or found not needed) now, None when there was nothing to do; a
    failure is recorded on the row and then raised as `failed`, carrying the error's class name.
    """
    failure = None
    with transaction.atomic():
        row = rows.select_for_update(skip_locked=True).filter(**{f"{outbox.state}__in": DUE}).first()
        if row is None:
            return None
        setattr(row, outbox.attempts, getattr(row, outbox.attempts) + 1)
        try:
            with transaction.atomic():
                messages = compose(row)
                if messages:
                    outbox.mark(row, Lead.NotificationState.SENT, sent_at=timezone.now())
                    send_emails(messages)
                else:
                    outbox.mark(row, Lead.NotificationState.NOT_NEEDED)
        except Exception as exc:
            failure = type(exc).__name__
            next_attempt_at = timezone.now() + backoff(getattr(row, outbox.attempts))
            outbox.mark(row, Lead.NotificationState.FAILED, error=failure, next_attempt_at=next_attempt_at)
    if failure is not None:
        logger.warning("Email for %s %s failed: %s", row._meta.verbose_name, row.pk, failure)
        raise failed(failure)
    return row


def requeue_due(rows, *, outbox, task, limit=100):
    """Queue `task` again for every row of `rows` whose email is due: pending too long, or failed
    and past its backoff.

    Rows another sweeper is handling are skipped (SKIP LOCKED), so two sweepers never queue one
    row twice in a round. Returns how many were queued.
    """
    now = timezone.now()
    with transaction.atomic():
        due = list(
            rows.select_for_update(skip_locked=True)
            .filter(**{f"{outbox.state}__in": DUE, f"{outbox.next_attempt_at}__lte": now})
            .order_by(outbox.next_attempt_at)[:limit]
        )
        for row in due:
            setattr(row, outbox.next_attempt_at, now + backoff(getattr(row, outbox.attempts) + 1))
            row.save(update_fields=[outbox.next_attempt_at])
            task.enqueue(row.pk)
    return len(due)


def lead_notify(*, lead_id):
    """Tell the practice about one lead at most once (`send_once`); the patient's confirmation
    follows, once and on its own (`send_patient_confirmation`).

    Returns True when sent now, False when there was nothing to do; a failure is recorded on the
    lead and then raised as LeadNotificationFailed.
    """

    def compose(lead):
        # In the practice's language, whatever language the task happens to run in.
        with translation.override(settings.LANGUAGE_CODE):
            notification = practice_notification(lead, email_context(lead))
        audit.record_lead_emailed(lead=lead, descriptions=[describe_email(notification, lead)])
        return [notification]

    lead = send_once(
        Lead.objects.filter(pk=lead_id), outbox=LEAD_OUTBOX, compose=compose, failed=LeadNotificationFailed
    )
    if lead is None:
        return False
    send_patient_confirmation(lead)
    return True


def send_patient_confirmation(lead):
    """Email the patient a confirmation once, in the language they sent their request in, after the
    practice's email is committed; never retried.

    A patient address the mail server refuses (a typo, a full mailbox) must not fail the lead's
    notification, or every retry would send the practice its email again. So the confirmation is
    best effort: its audit entry is written in a savepoint before the send and rolled back if the
    send fails, and the front desk finds a note on the lead's timeline saying to check the address.
    """
    try:
        with transaction.atomic():
            with translation.override(lead.language):
                confirmation = patient_confirmation(lead, email_context(lead))
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
