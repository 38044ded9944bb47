"""Marketing consent: a second, optional box, stored with its own wording and version."""

import csv
import io
import re

import pytest
from django.urls import reverse

from leads.models import Lead
from tests.leads.factories import LeadFactory

from .conftest import valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def marketing_wording(settings):
    settings.LEADS_MARKETING_CONSENT_TEXT = "Send me news and offers (wording M)."
    settings.LEADS_MARKETING_CONSENT_VERSION = "m-test-3"


def test_form_offers_marketing_as_a_separate_unticked_optional_box(client, practice, marketing_wording):
    html = client.get(reverse("leads:consultation")).content.decode()

    assert "Send me news and offers (wording M)." in html
    box = re.search(r'<input[^>]*name="marketing_consent"[^>]*>', html).group()
    assert 'type="checkbox"' in box
    assert "checked" not in box and "required" not in box


def test_ticked_marketing_consent_is_stored_with_its_own_wording_and_version(send, marketing_wording):
    send(valid_answers(marketing_consent="on"))

    lead = Lead.objects.get()
    assert lead.marketing_consent is True
    assert lead.marketing_consent_text == "Send me news and offers (wording M)."
    assert lead.marketing_consent_version == "m-test-3"
    assert lead.marketing_consented_at is not None
    assert lead.consent_text != lead.marketing_consent_text


def test_request_without_marketing_consent_is_accepted_and_stores_no_wording(send, marketing_wording):
    response = send(valid_answers())

    assert response.status_code == 302
    lead = Lead.objects.get()
    assert lead.marketing_consent is False
    assert lead.marketing_consent_text == "" and lead.marketing_consented_at is None
    assert lead.consented_at is not None


def test_marketing_box_alone_does_not_stand_in_for_consent_to_be_contacted(send):
    response = send(valid_answers(consent=None, marketing_consent="on"))

    assert response.status_code == 200
    assert not Lead.objects.exists()


def test_front_desk_sees_marketing_consent_on_the_lead_and_in_the_export(client, front_desk):
    client.force_login(front_desk)
    agreed = LeadFactory(first_name="Agreed", marketing_consent=True, marketing_consent_version="m-test-3")
    LeadFactory(first_name="Declined")

    html = client.get(reverse("lead_admin:detail", args=[agreed.pk])).content.decode()
    response = client.get(reverse("lead_admin:index"), {"export": "csv"})

    assert "Agreed: version m-test-3" in html
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["First name"]: row["Agreed to marketing"] for row in rows} == {
        "Agreed": "yes",
        "Declined": "no",
    }
