"""Fifty patients proposing the same last free time at once, against a live server on PostgreSQL:
every request is stored with its time, since proposing takes no place."""

import datetime
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
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
from .test_concurrency import post

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


def test_fifty_patients_proposing_the_last_place_at_once_are_all_stored(
    live_server, practice, last_place, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # each patient has their own address behind the proxy
    url = live_server.url + "/consultation/"
    token = make_form_token(issued_at=time.time() - 60)  # one cached page for all
    submissions = [
        (valid_answers(form_token=token, preferred_times=slot_value(last_place)), f"10.1.0.{i + 1}")
        for i in range(PATIENTS)
    ]

    with ThreadPoolExecutor(max_workers=PATIENTS) as pool:
        statuses = list(pool.map(lambda args: post(url, *args), submissions))

    assert statuses == [200] * PATIENTS  # each followed its redirect to the thank-you page
    assert Lead.objects.filter(status=Lead.Status.NEW).count() == PATIENTS + 1  # and the one booked
    assert ProposedSlot.objects.filter(starts_at=last_place, rank=1).count() == PATIENTS
