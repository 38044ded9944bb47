"""What the front desk does to a lead: move it along the pipeline, assign it, note it, plan a follow-up.

Every action writes its `LeadEvent` in the same transaction, so the timeline is never missing a step.
Views and bulk actions call these functions and nothing else changes a lead's workflow fields.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Lead, LeadEvent
from .services import lead_accept

Status = Lead.Status

# Where a lead may go from each status. A booked consultation can be cancelled (back to contacted),
# a lost lead can come back, and a lead marked as spam by mistake goes back to new (and is then
# notified, see lead_change_status). A lead that needs review is worked like a new one once checked.
TRANSITIONS = {
    Status.NEW: (Status.CONTACTED, Status.BOOKED, Status.LOST, Status.SPAM),
    Status.NEEDS_REVIEW: (Status.NEW, Status.CONTACTED, Status.BOOKED, Status.LOST, Status.SPAM),
    Status.CONTACTED: (Status.BOOKED, Status.LOST, Status.SPAM),
    Status.BOOKED: (Status.PATIENT, Status.CONTACTED, Status.LOST),
    Status.PATIENT: (),
    Status.LOST: (Status.CONTACTED,),
    Status.SPAM: (Status.NEW,),
}
# Statuses that mean someone spoke to the patient: the first move into one of them ends the
# first-response clock.
CONTACTED_STATUSES = (Status.CONTACTED, Status.BOOKED, Status.PATIENT)
# Statuses still being worked, where a follow-up date matters.
OPEN_STATUSES = (Status.NEW, Status.NEEDS_REVIEW, Status.CONTACTED, Status.BOOKED)
# The happy path, in order: what reports count a request as having reached.
PIPELINE = (Status.CONTACTED, Status.BOOKED, Status.PATIENT)


class TransitionError(ValueError):
    """A status change the pipeline does not allow, with a message staff can read."""


def allowed_statuses(lead):
    """The statuses `lead` may move to next."""
    return TRANSITIONS[Status(lead.status)]


def lead_change_status(*, lead, to, by, reason=""):
    """Move `lead` to status `to`; lost needs a reason. Records first contact and a timeline entry;
    a lead that leaves spam is handled as the new lead it was (`lead_accept`)."""
    to = Status(to)
    reason = reason.strip()
    if to not in allowed_statuses(lead):
        raise TransitionError(
            f"A lead that is {lead.get_status_display().lower()} cannot be marked {to.label.lower()}."
        )
    if to == Status.LOST and not reason:
        raise TransitionError("Say why the lead was lost.")
    now = timezone.now()
    with transaction.atomic():
        from_status = lead.status
        lead.status = to
        fields = ["status", "updated_at"]
        if to in CONTACTED_STATUSES and lead.first_contacted_at is None:
            lead.first_contacted_at = now
            fields.append("first_contacted_at")
        if to == Status.LOST:
            lead.lost_reason = reason[:255]
            fields.append("lost_reason")
        lead.save(update_fields=fields)
        if from_status == Status.SPAM:
            lead_accept(lead=lead)
        LeadEvent.objects.create(
            lead=lead,
            kind=LeadEvent.Kind.STATUS,
            actor=by,
            from_status=from_status,
            to_status=to,
            note=reason,
            created_at=now,
        )
    return lead


def lead_mark_not_spam(*, lead, by):
    """The front desk's one click for a request filed as spam by mistake: back to new, notified."""
    if lead.status != Status.SPAM:
        raise TransitionError("Only a lead marked as spam can be marked as not spam.")
    return lead_change_status(lead=lead, to=Status.NEW, by=by)


def lead_assign(*, lead, to, by):
    """Give `lead` to staff member `to` (None to unassign) and record it."""
    if lead.assignee_id == (to.pk if to else None):
        return lead
    with transaction.atomic():
        lead.assignee = to
        lead.save(update_fields=["assignee", "updated_at"])
        LeadEvent.objects.create(lead=lead, kind=LeadEvent.Kind.ASSIGNED, actor=by, assignee=to)
    return lead


def lead_set_follow_up(*, lead, on, by):
    """Plan the next follow-up of `lead` for date `on` (None clears it) and record it."""
    if lead.follow_up_on == on:
        return lead
    with transaction.atomic():
        lead.follow_up_on = on
        lead.save(update_fields=["follow_up_on", "updated_at"])
        LeadEvent.objects.create(lead=lead, kind=LeadEvent.Kind.FOLLOW_UP, actor=by, follow_up_on=on)
    return lead


def lead_add_note(*, lead, text, by):
    """Add a staff note to the timeline of `lead`."""
    text = text.strip()
    if not text:
        raise TransitionError("A note cannot be empty.")
    with transaction.atomic():
        event = LeadEvent.objects.create(lead=lead, kind=LeadEvent.Kind.NOTE, actor=by, note=text)
        # Touching updated_at keeps a lead someone is still working on out of the retention purge.
        lead.save(update_fields=["updated_at"])
    return event


# The contact details the front desk may correct, e.g. a misheard email or a typo in the phone.
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone")


def lead_correct_contact(*, lead, by, **details):
    """Correct the contact details of `lead` (any of CONTACT_FIELDS); the timeline names the fields
    changed, never their values. Returns the names changed, empty when nothing changed."""
    if lead.anonymised_at:
        raise TransitionError("This lead's personal data was erased: there is nothing to correct.")
    changed = [name for name in CONTACT_FIELDS if name in details and details[name] != getattr(lead, name)]
    if not changed:
        return []
    for name in changed:
        setattr(lead, name, details[name])
    labels = ", ".join(str(Lead._meta.get_field(name).verbose_name) for name in changed)
    with transaction.atomic():
        lead.save(update_fields=[*changed, "updated_at"])
        LeadEvent.objects.create(lead=lead, kind=LeadEvent.Kind.CORRECTED, actor=by, note=labels)
    return changed


def reached(stage):
    """The filter for leads that reached `stage` of the PIPELINE: at it or past it now, or moved
    there at some time. A consultation booked and later cancelled still counts as booked, so a
    report's funnel never shrinks when a plan changes."""
    later = PIPELINE[PIPELINE.index(stage) :]
    moved = LeadEvent.objects.filter(lead=OuterRef("pk"), to_status__in=later)
    return Q(status__in=later) | Q(Exists(moved))


def is_follow_up_overdue(lead, today=None):
    """True when an open lead's follow-up date has passed."""
    today = today or timezone.localdate()
    return bool(lead.follow_up_on and lead.follow_up_on < today and lead.status in OPEN_STATUSES)


def assignable_staff():
    """Active users who may work leads: the people a lead can be assigned to."""
    permission = Permission.objects.filter(content_type__app_label="leads", codename="change_lead")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
