"""The audit trail of access to lead data: who listed, viewed, exported, emailed or erased it, and when.

Entries name leads by id and describe listings and exports by their filters and count only, so they
hold no personal data and outlive erasure and the retention purge (docs/data-protection.md).
Every entry is sealed into a hash chain (leads.audit_chain) once its transaction commits. What the
front desk's screens show staff is recorded by frontdesk/access_records.py through `record`.
"""

from django.db import transaction

from .audit_chain import seal_soon
from .models import LeadAccess, LeadAccessLead


def staff_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def record(*, kind, by=None, leads=(), count=None, summary=""):
    ids = sorted({lead if isinstance(lead, int) else lead.pk for lead in leads})
    with transaction.atomic():
        entry = LeadAccess.objects.create(
            kind=kind,
            actor=by,
            actor_name=staff_name(by),
            lead_count=len(ids) if count is None else count,
            summary=summary[:500],
        )
        LeadAccessLead.objects.bulk_create(LeadAccessLead(access=entry, lead_id=pk) for pk in ids)
    seal_soon()
    return entry


def record_person_exported(*, leads, by):
    return record(kind=LeadAccess.Kind.PERSON_EXPORTED, by=by, leads=leads, summary="JSON for the person")


def record_erased(*, leads, by):
    count = len(leads)
    return record(
        kind=LeadAccess.Kind.ERASED, by=by, leads=leads, summary=f"{count} request{'s' if count != 1 else ''}"
    )


def record_lead_emailed(*, lead, descriptions):
    return record(kind=LeadAccess.Kind.EMAILED, leads=[lead], summary="; ".join(descriptions))
