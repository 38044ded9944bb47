"""Personal data in leads: find one person's leads, export them for the person, erase them.

Erasing anonymises in place rather than deleting: every field that could identify the patient is
cleared, and what is left (date, treatment, campaign, status, timings, the timeline without notes)
is no longer personal data. Reports therefore count the same before and after an erasure or a
retention purge. The front desk's privacy screen shows staff why each lead matched
(frontdesk/person_search.py).
"""

import datetime
import json
from urllib.parse import urlsplit

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from . import audit
from .models import Lead, LeadEvent

# Click ids are replaced by this marker: the report still knows the lead came from an ad.
REDACTED = "redacted"

# Fields copied into a person's export, in this order.
EXPORT_FIELDS = [
    "id",
    "created_at",
    "first_name",
    "last_name",
    "email",
    "phone",
    "treatment_title",
    "preferred_contact",
    "best_time",
    "language",
    "message",
    "consent_text",
    "consent_version",
    "consented_at",
    "marketing_consent",
    "marketing_consent_text",
    "marketing_consent_version",
    "marketing_consented_at",
    "landing_page",
    "source_page",
    "referrer",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "channel",
    "source",
    "status",
    "follow_up_on",
    "first_contacted_at",
]


class PersonQueryError(ValueError):
    """An email or phone number that cannot identify anyone."""


class SelectionError(ValueError):
    """Ticked requests that are not among those the search found: nothing is changed."""


def person_identifiers(*, email="", phone=""):
    """The email (as typed) and E.164 phone number a person is searched by; either may be empty."""
    email, phone = email.strip(), phone.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise PersonQueryError("Enter a valid email address.") from error
    if phone:
        try:
            number = phonenumbers.parse(phone, settings.PHONENUMBER_DEFAULT_REGION)
        except phonenumbers.NumberParseException as error:
            raise PersonQueryError("Enter a valid phone number.") from error
        if not phonenumbers.is_possible_number(number):
            raise PersonQueryError("Enter a valid phone number.")
        phone = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not email and not phone:
        raise PersonQueryError("Enter an email address or a phone number.")
    return email, phone


def leads_of_person(*, email="", phone="", by=None):
    """Every lead sent with the email or the phone, still holding personal data, oldest first;
    only those staff member `by` may see (`visible_to`), all of them for the system (None)."""
    email, phone = person_identifiers(email=email, phone=phone)
    leads = Lead.objects.all() if by is None else Lead.objects.visible_to(by)
    return (
        leads.for_person(email=email, phone=phone)
        .filter(anonymised_at__isnull=True)
        .order_by("created_at", "id")
    )


def selected_leads(*, email="", phone="", lead_ids=(), by=None):
    """The ticked leads, after checking each is still among those the search finds.

    The ids come back from the browser, so they are checked again here: an id that was changed, or a
    lead erased meanwhile or no longer matching, refuses the whole selection.
    """
    wanted = set(lead_ids)
    if not wanted:
        raise SelectionError("Tick at least one request.")
    leads = list(leads_of_person(email=email, phone=phone, by=by).filter(pk__in=wanted))
    unknown = wanted - {lead.pk for lead in leads}
    if unknown:
        numbers = ", ".join(str(pk) for pk in sorted(unknown))
        raise SelectionError(
            f"Request {numbers} does not match the email or phone searched for (or was already erased). "
            "Nothing was changed: search again and tick the requests to act on."
        )
    return leads


# What other apps keep about a lead, added to a person's export under its name: {name: describe},
# `describe(lead)` returning JSON-ready data. Apps register theirs in AppConfig.ready(), as
# appointments does, so leads depends on none of them.
_export_sections = {}


def register_export_section(name, describe):
    _export_sections[name] = describe


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, int | float | bool):
        return value
    return str(value)


def export_person(*, email="", phone="", lead_ids=(), by=None):
    """A JSON document of everything stored in the ticked leads of the person, notes included.

    Raises SelectionError unless every id is one of the person's leads. The export is recorded in
    the access audit trail, by lead id (never the email or phone asked for).
    """
    leads = selected_leads(email=email, phone=phone, lead_ids=lead_ids, by=by)
    prefetch_related_objects(leads, "events")
    audit.record_person_exported(leads=leads, by=by)
    data = []
    for lead in leads:
        item = {field: _jsonable(getattr(lead, field)) for field in EXPORT_FIELDS}
        item["timeline"] = [
            {
                "when": event.created_at.isoformat(),
                "what": event.get_kind_display(),
                "status": event.get_to_status_display() if event.to_status else None,
                "note": event.note or None,
            }
            for event in lead.events.all()
        ]
        for name, describe in _export_sections.items():
            item[name] = describe(lead)
        data.append(item)
    return json.dumps({"exported_at": timezone.now().isoformat(), "leads": data}, indent=2)


def _origin(url):
    """Keep only scheme and host of a URL: where a visitor came from, never what they searched."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}/" if parts.scheme and parts.hostname else ""


def _path(url):
    """Keep only the path of one of our own URLs, dropping a query string that may hold an email."""
    return urlsplit(url).path if url else ""


def lead_anonymise(*, lead, by=None):
    """Erase the personal data of `lead` in place, keeping what the reports need; idempotent."""
    if lead.anonymised_at:
        return lead
    now = timezone.now()
    with transaction.atomic():
        lead.first_name = "Erased"
        lead.last_name = ""
        lead.email = ""
        lead.phone = ""
        lead.message = ""
        lead.lost_reason = ""
        lead.spam_reason = ""
        lead.ip_hash = ""
        # Erasure withdraws every consent; the wording and version stay as a record of what was shown.
        lead.marketing_consent = False
        lead.idempotency_key = None
        lead.utm_term = ""
        lead.utm_content = ""
        lead.referrer = _origin(lead.referrer)
        lead.landing_page = _path(lead.landing_page)
        lead.source_page = _path(lead.source_page)
        lead.click_id = REDACTED if lead.click_id else ""
        lead.anonymised_at = now
        lead.save()
        lead.events.exclude(note="").update(note="")
        LeadEvent.objects.create(lead=lead, kind=LeadEvent.Kind.ANONYMISED, actor=by, created_at=now)
    return lead


def erase_person(*, email="", phone="", lead_ids=(), by=None):
    """Erase the ticked leads of the person, all or none; returns how many were erased.

    Raises SelectionError unless every id is one of the person's leads; the erasure is recorded in
    the access audit trail with the lead ids and who did it.
    """
    with transaction.atomic():
        leads = selected_leads(email=email, phone=phone, lead_ids=lead_ids, by=by)
        for lead in leads:
            lead_anonymise(lead=lead, by=by)
        audit.record_erased(leads=leads, by=by)
    return len(leads)


def retention_cutoff(now=None, days=None):
    """Leads untouched since this moment are past the retention period (`days`, or LEADS_RETENTION_DAYS)."""
    days = settings.LEADS_RETENTION_DAYS if days is None else days
    return (now or timezone.now()) - datetime.timedelta(days=days)


def leads_past_retention(now=None):
    """Leads nobody has touched for the retention period that still hold personal data.

    Spam has its own, shorter period (LEADS_SPAM_RETENTION_DAYS): it is kept only to audit false
    positives.
    """
    now = now or timezone.now()
    spam_cutoff = retention_cutoff(now, days=settings.LEADS_SPAM_RETENTION_DAYS)
    return Lead.objects.filter(
        Q(updated_at__lt=retention_cutoff(now)) | Q(status=Lead.Status.SPAM, updated_at__lt=spam_cutoff),
        anonymised_at__isnull=True,
    )
