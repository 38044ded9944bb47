"""Phone calls and walk-ins: the front desk records a request with the patient's spoken consent, and
corrects a lead's contact details, each on the lead's timeline."""

import pytest
from django.urls import reverse

from leads.models import ConsentVersion, Lead, LeadEvent
from leads.privacy import lead_anonymise
from staff.models import ClinicMembership
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
RECORD = reverse("lead_admin:record")


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    return client


@pytest.fixture
def clinics(home, front_desk):
    """Two clinics; the front desk works at the first."""
    index = ClinicIndexPageFactory(parent=home)
    marylebone = ClinicPageFactory(parent=index, title="Marylebone", slug="marylebone")
    richmond = ClinicPageFactory(parent=index, title="Richmond", slug="richmond")
    ClinicMembership.objects.create(user=front_desk, clinic=marylebone)
    return marylebone, richmond


def call(**overrides):
    answers = {
        "channel": "phone",
        "first_name": "Ottoline",
        "last_name": "Morrell",
        "email": "ottoline@example.com",
        "phone": "020 7946 0321",
        "treatment": "",
        "preferred_contact": "phone",
        "best_time": "morning",
        "message": "Asked about laser on the phone.",
        "consent_given": "on",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


def test_a_phone_call_is_recorded_with_spoken_consent_and_who_heard_it(desk, front_desk, clinics, treatment):
    response = desk.post(RECORD, call(clinic=clinics[0].pk, treatment=treatment.pk))

    lead = Lead.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "lead_admin:detail", args=[lead.pk]
    )
    assert (lead.channel, lead.source, lead.clinic) == (Lead.Channel.PHONE, "phone", clinics[0])
    assert lead.treatment_title == treatment.title
    assert str(lead.phone) == "+442079460321"
    assert lead.consent_recorded_by == front_desk
    assert lead.consent_version == str(ConsentVersion.objects.current().number)
    assert lead.notification_state == Lead.NotificationState.NOT_NEEDED
    assert lead.events.get().kind == LeadEvent.Kind.RECORDED and lead.events.get().actor == front_desk
    detail = desk.get(response["Location"]).content.decode()
    assert "given verbally, recorded by" in detail


def test_a_walk_in_is_named_as_one_in_a_practice_with_one_clinic(desk, home):
    form = desk.get(RECORD).content.decode()

    desk.post(RECORD, call(channel="walk_in"))

    assert 'name="clinic"' not in form
    lead = Lead.objects.get()
    assert (lead.channel, lead.source, lead.clinic) == (Lead.Channel.WALK_IN, "walk-in", None)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent_given": None}, "without their consent the request cannot be kept"),
        ({"email": "", "phone": ""}, "Enter a phone number or an email address"),
        ({"phone": "12"}, "Enter a valid phone number"),
        ({"channel": "paid"}, "Select a valid choice"),
        ({"first_name": ""}, "This field is required"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_the_answers_kept(desk, home, overrides, message):
    response = desk.post(RECORD, call(**overrides))

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Morrell" in html
    assert not Lead.objects.exists()


def test_a_front_desk_records_only_for_its_own_clinics(desk, clinics):
    form = desk.get(RECORD).content.decode()
    response = desk.post(RECORD, call(clinic=clinics[1].pk))
    no_clinic = desk.post(RECORD, call())

    assert "Marylebone" in form and "Richmond" not in form
    assert response.status_code == no_clinic.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Lead.objects.exists()


def test_editors_cannot_record_a_lead(client, editor):
    client.force_login(editor)

    assert client.get(RECORD).status_code in (302, 403)
    assert client.post(RECORD, call()).status_code in (302, 403)
    assert not Lead.objects.exists()


def correct(client, lead, **details):
    data = {"action": "contact", **{f"contact-{name}": value for name, value in details.items()}}
    return client.post(reverse("lead_admin:detail", args=[lead.pk]), data)


def test_correcting_contact_details_names_the_fields_on_the_timeline(desk, front_desk):
    lead = LeadFactory(
        first_name="Otoline", last_name="Morrell", email="otoline@example.com", phone="+442079460999"
    )

    response = correct(
        desk,
        lead,
        first_name="Ottoline",
        last_name="Morrell",
        email="ottoline@example.com",
        phone=str(lead.phone),
    )

    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.first_name, lead.email) == ("Ottoline", "ottoline@example.com")
    event = lead.events.get()
    assert (event.kind, event.actor, event.note) == (
        LeadEvent.Kind.CORRECTED,
        front_desk,
        "first name, email",
    )
    assert "corrected the first name, email" in desk.get(response["Location"]).content.decode()


def test_unchanged_details_write_nothing_on_the_timeline(desk):
    lead = LeadFactory(phone="+442079460999")

    correct(
        desk,
        lead,
        first_name=lead.first_name,
        last_name=lead.last_name,
        email=lead.email,
        phone=str(lead.phone),
    )

    assert not lead.events.exists()


def test_contact_details_cannot_be_emptied_or_corrected_after_erasure(desk):
    lead = LeadFactory()

    emptied = correct(desk, lead, first_name="Ana", last_name="Silva", email="", phone="")
    lead_anonymise(lead=lead)
    erased = correct(desk, lead, first_name="Ana", last_name="Silva", email="ana@example.com", phone="")

    assert emptied.status_code == erased.status_code == 400
    assert "Enter a phone number or an email address" in emptied.content.decode()
    assert "personal data was erased" in erased.content.decode()
    lead.refresh_from_db()
    assert lead.email == "" and lead.first_name == "Erased"
