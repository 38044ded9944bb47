"""Several front desks confirming the last place at the same moment: one booking, the rest told."""

import datetime
import threading

import pytest
from django.db import connection

from appointments.booking import SlotUnavailable, appointment_book
from appointments.models import Appointment
from leads.models import Lead
from tests.appointments.factories import ConsultationAvailabilityFactory, ConsultationTimesFactory
from tests.leads.factories import LeadFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql_only(
        "concurrent writers: SQLite takes one writer at a time, and its shared in-memory test "
        "database refuses a second with 'table is locked' instead of waiting"
    ),
]

DESKS = 8
NOW = datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.UTC)
MONDAY_NINE = datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)


def book_at_once(leads, availability):
    """Each lead booked from its own thread and database connection, released together; what each
    got: an appointment or the refusal's message."""
    start = threading.Barrier(len(leads))
    outcomes = [None] * len(leads)

    def desk(index):
        try:
            start.wait()
            outcomes[index] = appointment_book(
                lead=leads[index], starts_at=MONDAY_NINE, by=None, availability=availability, now=NOW
            )
        except SlotUnavailable as refused:
            outcomes[index] = refused.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=desk, args=(index,)) for index in range(len(leads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.parametrize("places", [1, 3])
def test_concurrent_confirmations_take_each_place_once(places):
    availability = ConsultationAvailabilityFactory(places=places)
    ConsultationTimesFactory(availability=availability, weekday="Monday", starts="09:00", ends="12:00")
    leads = LeadFactory.create_batch(DESKS)

    outcomes = book_at_once(leads, availability)

    booked = [outcome for outcome in outcomes if isinstance(outcome, Appointment)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, str)]
    assert sorted(appointment.place for appointment in booked) == list(range(1, places + 1))
    assert refused == ["Monday 4 January 2027 at 09:00 is fully booked: choose another time."] * (
        DESKS - places
    )
    assert Appointment.objects.count() == places
    assert Lead.objects.filter(status=Lead.Status.BOOKED).count() == places
