"""The patient's signed link: cancel, or ask for another time; the lead and the front desk are told.
Used twice, tampered with, or after the consultation: each says so."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from appointments.booking import appointment_book
from appointments.links import link_token, link_url
from appointments.models import Appointment, AppointmentEmail
from leads.models import Lead, LeadEvent
from practice import contact
from tests.appointments.factories import ConsultationAvailabilityFactory
from tests.appointments.test_emails import work_the_queue
from tests.leads.factories import LeadFactory, StaffFactory

pytestmark = pytest.mark.django_db

Kind = AppointmentEmail.Kind
SAME_SITE = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.fixture
def appointment(practice, clinic, settings):
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]
    availability = ConsultationAvailabilityFactory(clinic=clinic, time_zone="Europe/London", places=1)
    lead = LeadFactory(clinic=clinic, status=Lead.Status.CONTACTED)
    starts_at = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=4)
    booked = appointment_book(
        lead=lead, starts_at=starts_at, by=StaffFactory(), availability=availability, any_time=True
    )
    work_the_queue()
    mail.outbox.clear()
    return booked


def url(appointment):
    return f"/appointment/{link_token(appointment)}/"


def test_the_confirmation_carries_the_link(appointment):
    assert link_url(appointment).endswith(url(appointment))


def test_the_link_shows_the_appointment_and_is_never_cached(client, appointment):
    response = client.get(url(appointment))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.context["when"] in response.content.decode()
    assert b'data-link-action="cancel"' in response.content
    assert b'data-link-action="another_time"' in response.content


def test_cancelling_frees_the_place_tells_the_lead_and_the_front_desk(client, appointment, clinic):
    response = client.post(url(appointment), {"action": "cancel"}, **SAME_SITE)

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.state == Appointment.State.CANCELLED
    lead = appointment.lead
    lead.refresh_from_db()
    assert lead.status == Lead.Status.CONTACTED
    event = lead.events.filter(kind=LeadEvent.Kind.APPOINTMENT).latest("created_at")
    assert event.note.startswith("cancelled the consultation on")
    assert event.actor is None
    # The place is free again: another lead can book it.
    appointment_book(
        lead=LeadFactory(),
        starts_at=appointment.starts_at,
        by=None,
        availability=appointment.availability,
        any_time=True,
    )
    work_the_queue()
    desk = next(message for message in mail.outbox if message.to == [clinic.email])
    assert desk.subject.startswith("The patient cancelled: consultation on")
    assert f"/admin/leads/{lead.pk}/" in desk.body
    assert any(message.subject.startswith("Cancelled: your consultation") for message in mail.outbox)
    assert b"is cancelled" in client.get(response["Location"]).content


def test_a_link_used_twice_says_it_is_already_done(client, appointment):
    client.post(url(appointment), {"action": "cancel"}, **SAME_SITE)

    again = client.post(url(appointment), {"action": "cancel"}, **SAME_SITE)

    assert again.status_code == 409
    assert "This consultation is already cancelled." in again.content.decode()
    assert AppointmentEmail.objects.filter(kind=Kind.DESK_CANCELLED).count() == 1


def test_asking_for_another_time_keeps_the_booking_and_the_patient_s_note(client, appointment, clinic):
    note = "Any Thursday afternoon, please"

    response = client.post(url(appointment), {"action": "another_time", "note": note}, **SAME_SITE)

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.state == Appointment.State.BOOKED
    event = appointment.lead.events.filter(kind=LeadEvent.Kind.APPOINTMENT).latest("created_at")
    assert event.note.endswith(f": {note}")
    work_the_queue()
    [desk] = mail.outbox
    assert desk.to == [clinic.email]
    assert desk.subject.startswith("The patient asks for another time than")
    assert note not in desk.body  # what the patient wrote stays in the admin
    assert b"data-link-asked" in client.get(url(appointment)).content

    again = client.post(url(appointment), {"action": "another_time"}, **SAME_SITE)
    assert again.status_code == 409
    assert "already asked for another time" in again.content.decode()


def test_an_overlong_note_is_refused_and_kept_for_the_patient_to_shorten(client, appointment):
    note = "x" * 1001

    response = client.post(url(appointment), {"action": "another_time", "note": note}, **SAME_SITE)

    assert response.status_code == 400
    assert "at most 1000 characters" in response.content.decode()
    assert note in response.content.decode()
    assert not AppointmentEmail.objects.filter(kind=Kind.DESK_ANOTHER_TIME).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "7:" + token.partition(":")[2],
    ],
)
def test_a_tampered_link_gets_a_400_page_with_the_practice_s_phone(client, appointment, practice, change):
    contact.remember(practice)

    response = client.get(f"/appointment/{change(link_token(appointment))}/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert practice.phone in response.content.decode()


def test_a_link_after_the_consultation_started_says_it_no_longer_works(client, appointment):
    started = timezone.now() - datetime.timedelta(minutes=5)
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=started, ends_at=started + datetime.timedelta(minutes=30)
    )

    shown = client.get(url(appointment))
    refused = client.post(url(appointment), {"action": "cancel"}, **SAME_SITE)

    assert b"has started or passed" in shown.content
    assert b'data-link-action="cancel"' not in shown.content
    assert refused.status_code == 409
    appointment.refresh_from_db()
    assert appointment.state == Appointment.State.BOOKED


def test_a_post_from_another_site_is_refused(client, appointment):
    response = client.post(url(appointment), {"action": "cancel"}, HTTP_ORIGIN="https://elsewhere.example")

    assert response.status_code == 403
    appointment.refresh_from_db()
    assert appointment.state == Appointment.State.BOOKED
