"""Personal data in leads: find one person's leads, export them for the person, erase them.

Erasing anonymises in place rather than deleting: every field that could identify the patient is
cleared, and what is left (date, treatment, campaign, status, timings, the timeline without notes)
is no longer personal data. Reports therefore count the same before and after an erasure or a
retention purge.
"""

import datetime
import json
from urllib.parse import urlsplit

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
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


def person_query(*, email="", phone=""):
    """A filter matching every lead of the person with this email and/or phone number."""
    email, phone = email.strip(), phone.strip()
    query = Q()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise PersonQueryError("Enter a valid email address.") from error
        query |= Q(email__iexact=email)
    if phone:
        try:
            number = phonenumbers.parse(phone, settings.PHONENUMBER_DEFAULT_REGION)
        except phonenumbers.NumberParseException as error:
            raise PersonQueryError("Enter a valid phone number.") from error
        if not phonenumbers.is_possible_number(number):
            raise PersonQueryError("Enter a valid phone number.")
        query |= Q(phone=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    if not query:
        raise PersonQueryError("Enter an email address or a phone number.")
    return query


def leads_of_person(*, email="", phone=""):
    """Every lead the person sent, still holding personal data, oldest first."""
    return Lead.objects.filter(person_query(email=email, phone=phone), anonymised_at__isnull=True).order_by(
        "created_at", "id"
    )


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, int | float | bool):
        return value
    return str(value)


def export_person(*, email="", phone="", by=None):
    """A JSON document of everything stored about the person: their leads and the notes on them.

    The export is recorded in the access audit trail, by lead id (never the email or phone asked for).
    """
    leads = list(leads_of_person(email=email, phone=phone).prefetch_related("events"))
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


def erase_person(*, email="", phone="", by=None):
    """Erase every lead of the person; returns how many were erased."""
    leads = list(leads_of_person(email=email, phone=phone))
    for lead in leads:
        lead_anonymise(lead=lead, by=by)
    return len(leads)


def retention_cutoff(now=None):
    """Leads untouched since this moment are past the retention period."""
    return (now or timezone.now()) - datetime.timedelta(days=settings.LEADS_RETENTION_DAYS)


def leads_past_retention(now=None):
    """Leads nobody has touched for the retention period that still hold personal data."""
    return Lead.objects.filter(updated_at__lt=retention_cutoff(now), anonymised_at__isnull=True)
