"""The link in a patient's appointment emails opens their appointment in the language of their
request (/es/appointment/...), English unprefixed; a language the site no longer offers opens in
English rather than a 404, and links sent before languages existed keep working."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from appointments.links import link_token, link_url
from leads.models import Lead
from tests.appointments.factories import ConsultationAvailabilityFactory
from tests.appointments.test_emails import book, work_the_queue
from tests.clinics.conftest import clinic, clinics_index  # noqa: F401
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/appointment/\S+/")


@pytest.fixture
def booking(practice, clinic):  # noqa: F811
    """Books a consultation for a lead sent in `language`; the patient's confirmation goes out."""
    availability = ConsultationAvailabilityFactory(clinic=clinic, time_zone="Europe/London")
    starts_at = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=4)

    def book_in(language):
        lead = LeadFactory(clinic=clinic, status=Lead.Status.CONTACTED, language=language)
        appointment = book(lead, availability, starts_at)
        work_the_queue()
        return appointment

    return book_in


@pytest.mark.parametrize(("language", "heading"), [("es", "Su consulta"), ("ar", "استشارتك")])
def test_the_confirmations_link_opens_the_appointment_in_the_leads_language(
    client, booking, language, heading
):
    booking(language)

    [confirmation] = mail.outbox
    [link] = LINK.findall(confirmation.body)
    assert f"/{language}/appointment/" in link  # its token says when it was signed
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert f'<h1 class="mt-4">{heading}</h1>' in response.text


def test_an_english_leads_link_has_no_prefix(booking):
    appointment = booking("en")

    assert link_url(appointment).endswith(f"/appointment/{link_token(appointment)}/")
    assert "/en/" not in link_url(appointment)


def test_a_language_the_site_no_longer_offers_opens_in_english(client, booking, settings):
    appointment = booking("ar")
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]

    link = link_url(appointment)

    assert link.endswith(f"/appointment/{link_token(appointment)}/") and "/ar/" not in link


def test_a_link_sent_without_a_prefix_still_opens(client, booking):
    appointment = booking("es")

    response = client.get(f"/appointment/{link_token(appointment)}/")

    assert response.status_code == 200 and response["Content-Language"] == "en"
