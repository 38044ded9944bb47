"""The lead page's consultation block: confirm a proposed time or another one, a time just taken
named with the lead left as it was, cancel; only for staff who may change the lead and see it."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from appointments.models import Appointment, AppointmentEmail, ProposedSlot
from appointments.slots import local_text
from leads.models import Lead, LeadEvent
from staff.models import ClinicMembership
from tests.appointments.factories import AppointmentFactory, ConsultationAvailabilityFactory
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory
from tests.leads.factories import LeadFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic(home):
    return ClinicPageFactory(parent=ClinicIndexPageFactory(parent=home), title="Marylebone")


@pytest.fixture
def availability(clinic):
    return ConsultationAvailabilityFactory(clinic=clinic, time_zone="Europe/London", places=1)


@pytest.fixture
def lead(clinic, availability):
    lead = LeadFactory(clinic=clinic, status=Lead.Status.CONTACTED)
    for rank in (1, 2):
        ProposedSlot.objects.create(lead=lead, rank=rank, starts_at=in_days(3 + rank))
    return lead


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    return client


def in_days(days, hour=10):
    start = timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return start + datetime.timedelta(days=days)


def detail(lead):
    return reverse("lead_admin:detail", args=[lead.pk])


def confirm(client, lead, slot):
    return client.post(detail(lead), {"action": "confirm_slot", "confirm_slot-slot": slot.pk}, follow=True)


def test_the_page_offers_each_proposed_time_on_the_clinic_s_clock(desk, lead, availability):
    html = desk.get(detail(lead)).content.decode()

    for slot in lead.proposed_slots.all():
        assert local_text(slot.starts_at, availability.zone) in html
    assert html.count('data-lead-action="confirm_slot"') == 2
    assert 'data-lead-action="another_time"' in html


def test_confirming_a_proposed_time_books_it_and_queues_the_patient_s_confirmation(desk, lead, front_desk):
    slot = lead.proposed_slots.get(rank=2)

    response = confirm(desk, lead, slot)

    lead.refresh_from_db()
    assert lead.status == Lead.Status.BOOKED
    appointment = lead.appointments.get()
    assert (appointment.starts_at, appointment.booked_by) == (slot.starts_at, front_desk)
    assert appointment.emails.get().kind == AppointmentEmail.Kind.CONFIRMATION
    html = response.content.decode()
    assert "Booked. The patient is being emailed the confirmation." in html
    assert 'data-appointment-state="booked"' in html
    assert 'data-lead-action="cancel_appointment"' in html
    assert 'data-lead-action="confirm_slot"' not in html  # one booking at a time
    assert f"booked a consultation for {local_text(slot.starts_at, appointment.availability.zone)}" in html


def test_a_time_just_taken_is_named_and_the_lead_stays_as_it_was(desk, lead, availability):
    slot = lead.proposed_slots.get(rank=1)
    AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=slot.starts_at)

    response = confirm(desk, lead, slot)

    when = local_text(slot.starts_at, availability.zone)
    assert f"{when} is fully booked: choose another time." in response.content.decode()
    lead.refresh_from_db()
    assert lead.status == Lead.Status.CONTACTED
    assert not lead.appointments.exists()
    assert not lead.events.filter(kind=LeadEvent.Kind.APPOINTMENT).exists()


def test_another_time_is_read_on_the_clinic_s_clock(desk, lead, availability):
    day = (timezone.now() + datetime.timedelta(days=10)).date()

    response = desk.post(
        detail(lead),
        {"action": "another_time", "another_time-on": day.isoformat(), "another_time-at": "16:30"},
    )

    assert response.status_code == 302
    appointment = lead.appointments.get()
    local = appointment.starts_at.astimezone(availability.zone)
    assert (local.date(), local.hour, local.minute) == (day, 16, 30)


@pytest.mark.parametrize(
    ("on", "at", "message"),
    [
        ("2027-03-28", "01:30", "01:30 on Sunday 28 March 2027 does not exist at the clinic"),
        ("2020-01-06", "10:00", "Monday 6 January 2020 at 10:00 has passed: choose a later time."),
        ("", "10:00", "This field is required."),
        ("2027-02-30", "10:00", "Enter a valid date."),
        ("2027-03-01", "25:00", "Enter a valid time."),
    ],
)
def test_another_time_that_cannot_be_booked_says_why(desk, lead, on, at, message):
    response = desk.post(
        detail(lead), {"action": "another_time", "another_time-on": on, "another_time-at": at}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not lead.appointments.exists()


def test_the_front_desk_cancels_and_the_place_is_free(desk, lead):
    confirm(desk, lead, lead.proposed_slots.get(rank=1))
    appointment = lead.appointments.get()

    response = desk.post(
        detail(lead), {"action": "cancel_appointment", "cancel_appointment-appointment": appointment.pk}
    )

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.state == Appointment.State.CANCELLED
    lead.refresh_from_db()
    assert lead.status == Lead.Status.CONTACTED


def test_staff_who_may_only_view_leads_cannot_book(client, lead):
    viewer = StaffFactory()
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_lead"]))
    client.force_login(viewer)

    page = client.get(detail(lead))
    refused = client.post(
        detail(lead), {"action": "confirm_slot", "confirm_slot-slot": lead.proposed_slots.first().pk}
    )

    assert 'data-lead-action="confirm_slot"' not in page.content.decode()
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # the admin's "permission denied"
    assert not lead.appointments.exists()


def test_another_clinic_s_desk_cannot_book_its_lead(client, front_desk, lead, home):
    richmond = ClinicPageFactory(parent=lead.clinic.get_parent(), title="Richmond")
    ClinicMembership.objects.create(user=front_desk, clinic=richmond)
    client.force_login(front_desk)

    response = client.post(
        detail(lead), {"action": "confirm_slot", "confirm_slot-slot": lead.proposed_slots.first().pk}
    )

    assert response.status_code == 404
    assert not lead.appointments.exists()
