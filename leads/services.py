"""Business actions on leads: recording a consultation request and queueing the practice's notification."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.models import ProposedSlot

from .delivery import LEAD_OUTBOX, first_attempt_grace, requeue_due
from .models import ConsentVersion, Lead, LeadEvent
from .tasks import send_lead_notification

logger = logging.getLogger(__name__)

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
    before = before or timezone.now()
    since = before - timedelta(days=settings.LEADS_REPEAT_WINDOW_DAYS)
    return (
        Lead.objects.for_person(email=email, phone=phone)
        .filter(created_at__gte=since, created_at__lt=before)
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
    device="",
    idempotency_key,
    consent,
    language=settings.LANGUAGE_CODE,
    marketing_consent_text="",
    marketing_consent_version="",
    status=Lead.Status.NEW,
    spam_reason="",
    proposed_times=(),
):
    """Record a consultation request, the times it proposes and its notification, together or not
    at all.

    Returns (lead, created); a request already recorded under the same idempotency key returns
    the earlier lead and created=False. Spam is kept for audit, with no notification; a request
    that needs review is notified like a new one (leads.abuse.screen decides the status).
    `consent` is the ConsentVersion the patient was shown; the lead keeps it and a copy of its words.
    `language` is the one the request was sent in: the patient's emails are written in it.
    The marketing consent wording and version are stored only when `fields` says it was given.
    `proposed_times` (aware starts, at most three) are stored ranked in the order given; proposing
    takes no place, so any number of patients may propose the same last one.
    """
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
        device=device,
        idempotency_key=idempotency_key,
        language=language,
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
            ProposedSlot.objects.bulk_create(
                ProposedSlot(lead=lead, starts_at=start, rank=rank)
                for rank, start in enumerate(proposed_times, 1)
            )
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


# The source a hand-recorded lead gets for each channel the front desk may choose.
BY_HAND_SOURCES = {Lead.Channel.PHONE: "phone", Lead.Channel.WALK_IN: "walk-in"}


def lead_record_by_hand(*, fields, channel, by):
    """Record a request the front desk took on the phone or at the desk; returns the lead.

    The patient agreed out loud to the consultation form's current consent wording: the lead keeps
    that wording, like a form lead, and `by` as who heard it. Nobody is notified (the front desk
    already has it) and the timeline starts with who recorded it.
    """
    consent = ConsentVersion.objects.current()
    now = timezone.now()
    treatment = fields.get("treatment")
    lead = Lead(
        **fields,
        treatment_title=treatment.title if treatment else "",
        channel=channel,
        source=BY_HAND_SOURCES[channel],
        consent_wording=consent,
        consent_text=consent.text,
        consent_version=str(consent.number),
        consented_at=now,
        consent_recorded_by=by,
        notification_state=Lead.NotificationState.NOT_NEEDED,
    )
    lead.repeat_of = find_earlier_lead(email=lead.email, phone=lead.phone, before=now)
    with transaction.atomic():
        lead.save()
        LeadEvent.objects.create(lead=lead, kind=LeadEvent.Kind.RECORDED, actor=by, created_at=now)
    logger.info("Lead %s recorded by hand (channel=%s)", lead.pk, channel)
    return lead


def lead_accept(*, lead):
    """A lead filed as spam was a real request after all: link it to the person's earlier request
    and notify the practice, as `lead_create` does for a new lead (pending state and queued task
    in one transaction). A lead already notified once is not emailed again.

    Called by workflow.lead_change_status, inside its transaction, when spam moves back to new.
    """
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


def notifications_requeue(*, limit=100):
    """Queue again every notification that is due: pending too long, or failed and past its backoff
    (`requeue_due`: rows another sweeper is handling are skipped). Returns how many were queued."""
    return requeue_due(Lead.objects.all(), outbox=LEAD_OUTBOX, task=send_lead_notification, limit=limit)


def notification_tasks_prune():
    """Delete finished notification tasks older than FINISHED_TASKS_KEPT; returns how many.

    Their rows hold only a lead id and an error's class name, but the queue is no archive: the
    lead itself records whether and when it was notified.
    """
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
