"""Business actions on leads: recording a consultation request and notifying the practice."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import audit
from .models import Lead
from .notifications import build_lead_emails, describe_email, send_emails

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
# How long the task queue keeps a finished notification task (sent or failed) for diagnosis.
FINISHED_TASKS_KEPT = timedelta(days=3)


def idempotency_key(*, nonce, fields):
    """One key per page view and content: a re-sent POST repeats it, another visitor never does.

    The nonce comes from the page view (consultation.js) or, without JavaScript, from the form
    token, which a cached page shares between visitors; mixing in what was typed keeps two
    different people's requests apart even then.
    """
    parts = [nonce, *(str(fields[name]) for name in sorted(fields) if name != "treatment")]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def find_earlier_lead(*, email, phone, before=None):
    """The person's most recent real lead within the repeat window, if any."""
    if not email and not phone:
        return None
    before = before or timezone.now()
    same_person = Q()
    if email:
        same_person |= Q(email__iexact=email)
    if phone:
        same_person |= Q(phone=phone)
    since = before - timedelta(days=settings.LEADS_REPEAT_WINDOW_DAYS)
    return (
        Lead.objects.filter(same_person, created_at__gte=since, created_at__lt=before)
        .exclude(status=Lead.Status.SPAM)
        .order_by("-created_at")
        .first()
    )


def lead_create(
    *,
    fields,
    attribution,
    source_page,
    ip_hash,
    idempotency_key,
    consent,
    marketing_consent_text="",
    marketing_consent_version="",
    status=Lead.Status.NEW,
    spam_reason="",
):
    """Record a consultation request and queue its notification, together or not at all.

    Returns (lead, created); a request already recorded under the same idempotency key returns
    the earlier lead and created=False. Spam is kept for audit, with no notification; a request
    that needs review is notified like a new one (leads.spam.screen decides the status).
    `consent` is the ConsentVersion the patient was shown; the lead keeps it and a copy of its words.
    The marketing consent wording and version are stored only when `fields` says it was given.
    """
    from .tasks import send_lead_notification  # tasks imports this module

    now = timezone.now()
    is_spam = status == Lead.Status.SPAM
    if fields.get("marketing_consent"):
        marketing = {
            "marketing_consent_text": marketing_consent_text,
            "marketing_consent_version": marketing_consent_version,
            "marketing_consented_at": now,
        }
    else:
        marketing = {}
    lead = Lead(
        **fields,
        **attribution.as_dict(),
        source_page=source_page[:2000],
        ip_hash=ip_hash,
        idempotency_key=idempotency_key,
        consent_wording=consent,
        consent_text=consent.text,
        consent_version=str(consent.number),
        consented_at=now,
        **marketing,
        status=status,
        spam_reason=spam_reason[:100],
        notification_state=Lead.NotificationState.NOT_NEEDED if is_spam else Lead.NotificationState.PENDING,
        notification_next_attempt_at=None if is_spam else now + first_attempt_grace(),
    )
    if not is_spam:
        lead.repeat_of = find_earlier_lead(email=lead.email, phone=lead.phone, before=now)
    try:
        with transaction.atomic():
            lead.save()
            if not is_spam:
                # A plain insert in the same transaction: the lead and its task commit together.
                send_lead_notification.enqueue(lead.pk)
    except IntegrityError:
        existing = Lead.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing, False
    logger.info("Lead %s recorded (status=%s, repeat=%s)", lead.pk, lead.status, lead.is_repeat)
    return lead, True


def lead_accept(*, lead):
    """A lead filed as spam was a real request after all: link it to the person's earlier request
    and notify the practice, as `lead_create` does for a new lead (pending state and queued task
    in one transaction). A lead already notified once is not emailed again.

    Called by workflow.lead_change_status, inside its transaction, when spam moves back to new.
    """
    from .tasks import send_lead_notification  # tasks imports this module

    fields = ["repeat_of", "updated_at"]
    lead.repeat_of = find_earlier_lead(email=lead.email, phone=lead.phone, before=lead.created_at)
    notify = lead.notification_state == Lead.NotificationState.NOT_NEEDED
    if notify:
        lead.notification_state = Lead.NotificationState.PENDING
        lead.notification_next_attempt_at = timezone.now() + first_attempt_grace()
        fields += ["notification_state", "notification_next_attempt_at"]
    with transaction.atomic():
        lead.save(update_fields=fields)
        if notify:
            send_lead_notification.enqueue(lead.pk)
    return lead


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
    """Send the emails for one lead at most once, whatever fails around the send.

    In one transaction, with the lead's row locked so that two workers never both send:
    1. build the messages (a template or settings error stops here, before anything is sent);
    2. in a savepoint, write the audit entry and mark the lead sent;
    3. send, the last step that can fail;
    4. commit.
    If step 1 or 2 fails (a database error writing the audit entry, say), no email has gone out:
    the failure is recorded on the lead and the sweeper retries later. If the send fails, the
    savepoint is rolled back, so the trail records no email and the lead is marked failed. After a
    successful send only the commit remains, so a failure to record the email can no longer make
    the sweeper send it again (every attempt also carries the same Message-ID).

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
                messages = build_lead_emails(lead)
                audit.record_lead_emailed(lead=lead, descriptions=[describe_email(m, lead) for m in messages])
                lead.notification_state = Lead.NotificationState.SENT
                lead.notification_error = ""
                lead.notified_at = timezone.now()
                lead.notification_next_attempt_at = None
                save_notification_state(lead)
                send_emails(messages)
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
    return True


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


def notifications_requeue(*, limit=100):
    """Queue again every notification that is due: pending too long, or failed and past its backoff.

    Rows another sweeper is handling are skipped (SKIP LOCKED), so two sweepers never queue one
    lead twice in a round. Returns how many were queued.
    """
    from .tasks import send_lead_notification

    now = timezone.now()
    with transaction.atomic():
        due = list(
            Lead.objects.select_for_update(skip_locked=True)
            .filter(
                notification_state__in=[Lead.NotificationState.PENDING, Lead.NotificationState.FAILED],
                notification_next_attempt_at__lte=now,
            )
            .order_by("notification_next_attempt_at")[:limit]
        )
        for lead in due:
            lead.notification_next_attempt_at = now + backoff(lead.notification_attempts + 1)
            lead.save(update_fields=["notification_next_attempt_at"])
            send_lead_notification.enqueue(lead.pk)
    return len(due)


def notification_tasks_prune():
    """Delete finished notification tasks older than FINISHED_TASKS_KEPT; returns how many.

    Their rows hold only a lead id and an error's class name, but the queue is no archive: the
    lead itself records whether and when it was notified.
    """
    from django_tasks_db.models import DBTaskResult

    from .tasks import send_lead_notification

    deleted, _ = (
        DBTaskResult.objects.finished()
        .filter(
            backend_name=send_lead_notification.backend,
            queue_name=send_lead_notification.queue_name,
            finished_at__lt=timezone.now() - FINISHED_TASKS_KEPT,
        )
        .delete()
    )
    return deleted
