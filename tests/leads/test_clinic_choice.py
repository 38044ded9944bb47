"""The form asks which clinic where the practice has several, and the lead goes to that clinic."""

import re

import pytest
from django.core import mail
from django.db import DatabaseError
from django.urls import reverse

from leads.delivery import lead_notify
from leads.models import Lead
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory
from tests.page_cache_client import PageCacheClient

from .conftest import valid_answers
from .test_treatment_choice import chosen

pytestmark = pytest.mark.django_db

CLINIC_INPUT = re.compile(r'<input type="radio"[^>]*name="clinic"[^>]*>')


def clinic_inputs(html):
    """{clinic id: whether checked} of the form's clinic radio buttons."""
    return {
        int(re.search(r'value="(\d+)"', tag).group(1)): " checked" in tag
        for tag in CLINIC_INPUT.findall(html)
    }


def form_page(client, query=""):
    return client.get(f"{reverse('leads:consultation')}{query}").content.decode()


def test_the_form_asks_which_clinic_only_where_the_practice_has_several(client, home, practice):
    assert clinic_inputs(form_page(client)) == {}

    index = ClinicIndexPageFactory(parent=home)
    first = ClinicPageFactory(parent=index)
    assert clinic_inputs(form_page(client)) == {}

    second = ClinicPageFactory(parent=index)
    html = form_page(client)
    assert clinic_inputs(html) == {first.pk: False, second.pk: False}
    assert "Which clinic would you like to visit?" in html
    assert f">{second.title}</label>" in html or f"{second.title}\n" in html


def test_a_clinic_not_live_is_not_offered(client, clinics, practice):
    marylebone, richmond, _laser, _peel = clinics
    ClinicPageFactory(parent=marylebone.get_parent(), live=False)

    assert set(clinic_inputs(form_page(client))) == {marylebone.pk, richmond.pk}


def test_the_clinic_pages_booking_link_preselects_that_clinic(client, clinics, practice):
    _marylebone, richmond, _laser, _peel = clinics
    clinic_html = client.get(richmond.url).content.decode()
    link = re.search(r'href="([^"]*\?clinic=richmond)"[^>]*>Book a consultation at Richmond', clinic_html)

    html = client.get(link.group(1)).content.decode()

    assert clinic_inputs(html)[richmond.pk] is True
    assert clinic_inputs(form_page(client, f"?clinic={richmond.pk}"))[richmond.pk] is True
    assert not any(clinic_inputs(form_page(client, "?clinic=nowhere")).values())


def test_a_treatment_offered_at_one_clinic_preselects_it_on_its_page(client, clinics, practice):
    marylebone, _richmond, laser, peel = clinics

    assert clinic_inputs(client.get(peel.url).content.decode())[marylebone.pk] is True
    assert clinic_inputs(form_page(client, "?treatment=peel"))[marylebone.pk] is True
    assert not any(clinic_inputs(client.get(laser.url).content.decode()).values())


def test_the_lead_keeps_its_clinic_and_the_thank_you_page_gives_its_phone_and_hours(
    client, send, clinics, practice
):
    _marylebone, richmond, laser, _peel = clinics

    response = send(valid_answers(treatment=laser.pk, clinic=richmond.pk))

    assert response.status_code == 302
    assert Lead.objects.get().clinic == richmond
    page = client.get(response["Location"]).content.decode()
    assert "Your clinic: Richmond" in page
    assert 'href="tel:02089400200"' in page and "020 8940 0200" in page
    assert re.search(r"Thursday</dt>\s*<dd[^>]*>11:00 to 20:00</dd>", page)
    assert "Someone from our Richmond clinic will contact you" in page
    assert "If you would rather talk now, call Richmond on" in page


def test_the_thank_you_page_without_a_known_clinic_gives_the_practice_details(client, clinics, practice):
    for query in ("", "?clinic=999999", "?clinic=x", "?clinic=99999999999999999999"):
        page = client.get(reverse("leads:thank_you") + query).content.decode()
        assert "Your clinic" not in page
        assert practice.phone in page


def test_a_clinic_that_does_not_offer_the_treatment_is_refused_naming_both(send, clinics, practice):
    _marylebone, _richmond, _laser, peel = clinics
    richmond = clinics[1]

    response = send(valid_answers(treatment=peel.pk, clinic=richmond.pk))

    assert response.status_code == 200
    assert "Richmond does not offer Chemical peel. Choose Marylebone, or choose another treatment." in (
        response.content.decode()
    )
    assert not Lead.objects.exists()


def test_not_sure_yet_may_be_asked_at_any_clinic(send, clinics, practice):
    richmond = clinics[1]

    assert send(valid_answers(treatment="", clinic=richmond.pk)).status_code == 302
    assert Lead.objects.get().clinic == richmond


def test_the_clinic_must_be_chosen_where_there_are_several(send, clinics, practice):
    response = send(valid_answers())

    assert "Choose the clinic you would like to visit." in response.content.decode()
    assert not Lead.objects.exists()


@pytest.mark.parametrize("tampered", ["999999", "marylebone", "1 OR 1=1", "99999999999999999999", "-1"])
def test_a_tampered_clinic_id_is_an_invalid_choice_and_every_other_answer_is_kept(
    send, clinics, practice, tampered
):
    laser = clinics[2]
    answers = valid_answers(treatment=laser.pk, clinic=tampered, message="Evenings suit me best")

    response = send(answers)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Choose one of our clinics from the list." in html
    assert f'value="{answers["first_name"]}"' in html and f'value="{answers["email"]}"' in html
    assert "Evenings suit me best</textarea>" in html
    assert chosen(html) == str(laser.pk)
    assert not Lead.objects.exists()


def test_with_one_clinic_the_lead_has_none_whatever_is_posted(send, home, practice):
    only = ClinicPageFactory(parent=ClinicIndexPageFactory(parent=home))

    response = send(valid_answers(clinic=only.pk))

    assert response["Location"] == reverse("leads:thank_you")
    assert Lead.objects.get().clinic is None


def test_the_notification_goes_to_the_clinic_inbox_and_names_the_clinic(send, clinics, practice, settings):
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]
    richmond = clinics[1]
    send(valid_answers(clinic=richmond.pk))

    lead_notify(lead_id=Lead.objects.get().pk)

    [email] = mail.outbox
    lead = Lead.objects.get()
    assert email.to == ["tw9@clinic.example"]
    assert email.subject == f"New consultation request #{lead.pk} - Richmond"
    assert "Clinic: Richmond" in email.body


def test_a_clinic_without_an_email_falls_back_to_the_practice_inbox(send, clinics, practice, settings):
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]
    richmond = clinics[1]
    richmond.email = ""
    richmond.save_revision().publish()
    send(valid_answers(clinic=richmond.pk))

    lead_notify(lead_id=Lead.objects.get().pk)

    assert mail.outbox[0].to == ["frontdesk@practice.example"]
    assert "Clinic: Richmond" in mail.outbox[0].body


def test_the_patients_confirmation_gives_the_clinics_name_phone_and_hours(send, clinics, practice, settings):
    settings.LEADS_PATIENT_CONFIRMATION = True
    richmond = clinics[1]
    send(valid_answers(clinic=richmond.pk))

    lead_notify(lead_id=Lead.objects.get().pk)

    _practice_email, patient_email = mail.outbox
    assert "a consultation at our Richmond clinic" in patient_email.body
    assert "call Richmond on 020 8940 0200" in patient_email.body
    assert "Thursday: 11:00 to 20:00" in patient_email.body and "Monday: Closed" in patient_email.body
    assert patient_email.reply_to == ["tw9@clinic.example"]


def test_the_patients_confirmation_without_a_clinic_gives_the_practice_phone(send, practice, settings):
    settings.LEADS_PATIENT_CONFIRMATION = True
    send(valid_answers())

    lead_notify(lead_id=Lead.objects.get().pk)

    patient_email = mail.outbox[1]
    assert f"call us on {practice.phone}" in patient_email.body
    assert "Opening hours" not in patient_email.body


def test_the_form_on_a_cached_treatment_page_still_sends_its_clinic(send, clinics, practice):
    marylebone, _richmond, _laser, peel = clinics
    visitor = PageCacheClient()
    visitor.get(peel.url)
    response = visitor.get(peel.url)
    html = response.content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)

    assert response["X-Cache"] == "hit"
    assert "csrftoken" not in response.cookies
    assert send(valid_answers(treatment=peel.pk, clinic=marylebone.pk, form_token=token)).status_code == 302
    assert Lead.objects.get().clinic == marylebone


def test_the_booking_link_keys_its_own_cached_page(clinics, practice):
    marylebone, richmond, _laser, _peel = clinics
    url = reverse("leads:consultation")
    PageCacheClient().get(f"{url}?clinic=marylebone")

    response = PageCacheClient().get(f"{url}?clinic=richmond")

    assert clinic_inputs(response.content.decode()) == {marylebone.pk: False, richmond.pk: True}


def test_the_page_shown_when_saving_fails_sends_the_clinic_again(send, clinics, practice, monkeypatch):
    richmond = clinics[1]

    def fail(**kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("leads.views.lead_create", fail)
    html = send(valid_answers(clinic=richmond.pk)).content.decode()

    assert f'name="clinic" value="{richmond.pk}"' in html
