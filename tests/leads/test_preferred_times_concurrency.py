"""Fifty patients proposing the same last free time at once on PostgreSQL: every request is
stored with its time, since proposing takes no place."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appointments.models import ProposedSlot
from appointments.offer import slot_value
from appointments.slots import free_slots
from leads.abuse import make_form_token
from leads.models import Lead
from tests.appointments.factories import (
    AppointmentFactory,
    ConsultationAvailabilityFactory,
    ConsultationTimesFactory,
)

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql_only(
        "many writers at once: SQLite takes one writer at a time, and its shared in-memory test "
        "database refuses a second with 'table is locked' instead of waiting"
    ),
]

PATIENTS = 50


@pytest.fixture
def last_place():
    """One start offered (09:00 four days ahead, in a week's window), one of its two places held."""
    availability = ConsultationAvailabilityFactory(places=2, latest_weeks=1)
    day = (timezone.now() + datetime.timedelta(days=4)).astimezone(availability.zone)
    ConsultationTimesFactory(availability=availability, weekday=f"{day:%A}", starts="09:00", ends="09:30")
    (start,) = free_slots(availability, now=timezone.now())
    AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=start)
    return start


def send_at_once(submissions):
    """Each (answers, address) sent from its own thread and database connection, released
    together, as a browser on our site sends it; the status each patient got."""
    start = threading.Barrier(len(submissions))
    statuses = [None] * len(submissions)

    def patient(index):
        answers, address = submissions[index]
        try:
            start.wait()
            response = Client().post(
                reverse("leads:consultation"),
                answers,
                REMOTE_ADDR=address,
                HTTP_ORIGIN="http://testserver",
                HTTP_SEC_FETCH_SITE="same-origin",
            )
            statuses[index] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=patient, args=(index,)) for index in range(len(submissions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_fifty_patients_proposing_the_last_place_at_once_are_all_stored(practice, last_place):
    token = make_form_token(issued_at=time.time() - 60)  # one cached page for all
    submissions = [
        (valid_answers(form_token=token, preferred_times=slot_value(last_place)), f"10.1.0.{i + 1}")
        for i in range(PATIENTS)
    ]

    statuses = send_at_once(submissions)

    assert statuses == [302] * PATIENTS  # each sent on to the thank-you page
    assert Lead.objects.filter(status=Lead.Status.NEW).count() == PATIENTS + 1  # and the one booked
    assert ProposedSlot.objects.filter(starts_at=last_place, rank=1).count() == PATIENTS
