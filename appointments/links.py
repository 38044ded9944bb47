"""The patient's own link to their appointment, in every email about it: signed, so only whoever
received it can cancel or ask for another time (appointments.link_actions); good until the
consultation starts.

TimestampSigner with a salt of its own: a token signed for anything else on the site is not a
valid link here, and the link records when it was issued.
"""

from django.conf import settings
from django.core.signing import BadSignature, TimestampSigner
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from practice.languages import language_codes

from .models import Appointment

SALT = "appointments.link"


def link_token(appointment):
    return TimestampSigner(salt=SALT).sign(str(appointment.pk))


def appointment_for_token(token):
    """The appointment a link names; raises BadSignature for a token this site did not sign, and
    Appointment.DoesNotExist for one whose appointment is gone (its lead erased)."""
    pk = TimestampSigner(salt=SALT).unsign(token)
    if not pk.isdigit():
        raise BadSignature("Not an appointment link.")
    return Appointment.objects.select_related("availability__clinic", "lead").get(pk=pk)


def link_url(appointment):
    """The absolute link, on the site's own address (its default Site), else the admin's, opening
    the page in the lead's language: under its prefix (/es/appointment/...), or unprefixed in the
    source language when the site no longer offers it (its prefix would be a 404)."""
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    language = appointment.lead.language
    with translation.override(language if language in language_codes() else settings.LANGUAGE_CODE):
        return base + reverse("appointment_link:manage", args=[link_token(appointment)])


def has_expired(appointment, now=None):
    return appointment.starts_at <= (now or timezone.now())
