"""A person's export holds their consultation times; erasing them leaves only time slots."""

import datetime
import json

import pytest

from appointments.models import ProposedSlot
from leads.privacy import erase_person, export_person
from tests.appointments.factories import AppointmentFactory, ConsultationAvailabilityFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

MONDAY_NINE = datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)


def test_the_export_holds_the_proposed_times_and_the_booked_consultation():
    lead = LeadFactory(email="ana@example.com")
    ProposedSlot.objects.create(lead=lead, starts_at=MONDAY_NINE, rank=1)
    ProposedSlot.objects.create(lead=lead, starts_at=MONDAY_NINE + datetime.timedelta(hours=1), rank=2)
    AppointmentFactory(lead=lead, availability=ConsultationAvailabilityFactory(), starts_at=MONDAY_NINE)

    exported = json.loads(export_person(email="ana@example.com", lead_ids=[lead.pk]))["leads"][0]

    assert exported["proposed_times"] == ["2027-01-04T09:00:00+00:00", "2027-01-04T10:00:00+00:00"]
    assert exported["appointments"] == [
        {
            "starts_at": "2027-01-04T09:00:00+00:00",
            "ends_at": "2027-01-04T09:30:00+00:00",
            "state": "Booked",
            "booked_at": exported["appointments"][0]["booked_at"],
        }
    ]


def test_erasing_the_person_keeps_the_appointment_as_a_time_slot_of_nobody():
    lead = LeadFactory(email="ana@example.com", first_name="Ana")
    appointment = AppointmentFactory(
        lead=lead, availability=ConsultationAvailabilityFactory(), starts_at=MONDAY_NINE
    )

    erase_person(email="ana@example.com", lead_ids=[lead.pk])

    appointment.refresh_from_db()
    assert appointment.lead.first_name != "Ana" and not appointment.lead.email
    assert appointment.starts_at == MONDAY_NINE  # the place stays held: the clinic still expects someone
