"""The consultation form: what it accepts, how it refuses, and what a lead stores."""

import phonenumbers
import pytest
from django.urls import reverse
from django.utils.html import escape

from leads.models import ConsentVersion, Lead

from .conftest import valid_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def test_form_page_preselects_the_treatment_from_the_query_string(client, practice, treatment):
    response = client.get(reverse("leads:consultation"), {"treatment": treatment.slug})
    assert response.status_code == 200
    assert f'<option value="{treatment.pk}" selected>' in response.content.decode()


def test_form_page_uses_no_csrf_cookie_and_no_session(client, practice):
    response = client.get(reverse("leads:consultation"))
    assert "csrftoken" not in response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")


def test_valid_request_is_stored_and_redirects_to_thank_you(send, treatment):
    answers = valid_answers(treatment=str(treatment.pk), phone="020 7946 0321")
    response = send(answers)
    assert response.status_code == 302
    assert response["Location"] == reverse("leads:thank_you")
    assert "no-store" in response["Cache-Control"]
    lead = Lead.objects.get()
    assert lead.first_name == answers["first_name"]
    assert lead.email == answers["email"]
    assert str(lead.phone) == "+442079460321"
    assert lead.treatment == treatment
    assert lead.treatment_title == "Laser skin tightening"
    assert lead.preferred_contact == "phone"
    assert lead.best_time == "morning"
    assert lead.status == Lead.Status.NEW
    assert lead.notification_state == Lead.NotificationState.PENDING
    assert lead.ip_hash.startswith("v1:")
    assert len(lead.ip_hash) == 67
    assert "127.0.0.1" not in lead.ip_hash


def test_consent_wording_and_version_are_stored(send, answers):
    wording = ConsentVersion.objects.create(text="I agree to be contacted about my request (wording B).")
    send(answers)
    lead = Lead.objects.get()
    assert lead.consent_wording == wording
    assert lead.consent_text == "I agree to be contacted about my request (wording B)."
    assert lead.consent_version == str(wording.number)
    assert lead.consented_at is not None


def test_treatment_title_survives_renaming_and_deleting_the_page(send, treatment):
    send(valid_answers(treatment=str(treatment.pk)))
    treatment.delete()
    lead = Lead.objects.get()
    assert lead.treatment is None
    assert lead.treatment_title == "Laser skin tightening"


def test_not_sure_yet_stores_no_treatment(send, answers):
    send(answers)
    lead = Lead.objects.get()
    assert lead.treatment is None
    assert lead.treatment_title == ""


def test_thank_you_page_says_what_happens_next_and_is_not_cached(client, practice):
    response = client.get(reverse("leads:thank_you"))
    content = response.content.decode()
    assert response.status_code == 200
    assert practice.name in content
    assert practice.phone in content
    assert "no-store" in response["Cache-Control"]
    # Reloading it records nothing.
    client.get(reverse("leads:thank_you"))
    assert Lead.objects.count() == 0


BAD_INPUT = [
    pytest.param({"first_name": ""}, "first_name", id="missing-first-name"),
    pytest.param({"first_name": "   "}, "first_name", id="whitespace-only-name"),
    pytest.param({"last_name": "x" * 101}, "last_name", id="overlong-last-name"),
    pytest.param({"first_name": "<script>alert(1)</script>"}, "first_name", id="script-in-name"),
    pytest.param({"last_name": "Smith http://spam.example"}, "last_name", id="link-in-name"),
    pytest.param({"first_name": "Ann\u202eeno"}, "first_name", id="bidi-override-in-name"),
    pytest.param({"first_name": "Ann\x07"}, "first_name", id="control-character-in-name"),
    pytest.param({"email": "not-an-email"}, "email", id="garbage-email"),
    pytest.param({"email": "a@example.com\r\nBcc: x@example.com"}, "email", id="header-injection-email"),
    pytest.param({"email": "a" * 250 + "@example.com"}, "email", id="overlong-email"),
    pytest.param({"phone": "call me maybe"}, "phone", id="garbage-phone"),
    pytest.param({"phone": "12"}, "phone", id="too-short-phone"),
    pytest.param({"phone": "+44 20 7946 0321 0321 0321"}, "phone", id="too-long-phone"),
    pytest.param({"email": "", "phone": ""}, "email", id="neither-email-nor-phone"),
    pytest.param({"phone": "", "preferred_contact": "phone"}, "phone", id="phone-chosen-without-number"),
    pytest.param({"email": "", "preferred_contact": "email"}, "email", id="email-chosen-without-address"),
    pytest.param({"consent": None}, "consent", id="missing-consent"),
    pytest.param({"treatment": "999999"}, "treatment", id="unknown-treatment"),
    pytest.param({"treatment": "laser"}, "treatment", id="non-numeric-treatment"),
    pytest.param({"preferred_contact": "pigeon"}, "preferred_contact", id="invalid-contact-method"),
    pytest.param({"best_time": "midnight"}, "best_time", id="invalid-best-time"),
    pytest.param({"message": "x" * 2001}, "message", id="overlong-message"),
    pytest.param({"message": "Hello\x00there"}, "message", id="nul-in-message"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUT)
def test_bad_input_is_refused_beside_its_field_and_keeps_what_was_typed(send, change, field):
    answers = valid_answers(**change)
    response = send(answers)
    content = response.content.decode()
    assert response.status_code == 200
    assert Lead.objects.count() == 0
    form = response.context["form"]
    assert field in form.errors
    assert 'role="alert"' in content
    assert f'href="#id_{field}' in content
    assert "<title>Error:" in content
    # Nothing typed is lost; what was typed comes back escaped, never as markup.
    kept = "last_name" if field == "first_name" else "first_name"
    assert escape(answers[kept]) in content  # a random name may be O'Brien: O&#x27;Brien in HTML
    assert "<script>alert(1)</script>" not in content


def test_html_in_the_message_is_stored_as_text(send):
    send(valid_answers(message="<b>bold</b> <script>alert(1)</script>"))
    assert Lead.objects.get().message == "<b>bold</b> <script>alert(1)</script>"


def test_non_utf8_body_is_refused_without_error(client, practice):
    body = b"first_name=Ann%FF%FE&last_name=Smith&email=a%40example.com&consent=on"
    response = client.post(
        reverse("leads:consultation"),
        body,
        content_type="application/x-www-form-urlencoded",
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/xml"])
def test_wrong_content_type_is_refused(client, practice, content_type):
    response = client.post(
        reverse("leads:consultation"),
        '{"first_name": "Ann"}',
        content_type=content_type,
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 415
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_http_methods_are_not_allowed(client, practice, method):
    response = getattr(client, method)(reverse("leads:consultation"))
    assert response.status_code == 405


def test_a_database_failure_shows_the_practice_phone_and_keeps_the_answers(
    send, answers, monkeypatch, practice
):
    from django.db import DatabaseError

    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr("leads.views.lead_create", broken)
    response = send(answers)
    content = response.content.decode()
    assert response.status_code == 503
    assert "We could not save your request" in content
    assert practice.phone in content
    assert answers["first_name"] in content


@pytest.mark.parametrize("region", ["GB", "US", "FR", "DE", "ES", "IT", "IE", "AU", "IN", "BR", "JP", "AE"])
def test_phone_numbers_from_many_countries_are_stored_as_e164(send, region):
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    typed = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    assert send(valid_answers(phone=typed)).status_code == 302
    assert str(Lead.objects.get().phone) == phonenumbers.format_number(
        example, phonenumbers.PhoneNumberFormat.E164
    )
