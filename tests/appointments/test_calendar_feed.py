"""Each clinic's consultations as an iCalendar feed at a secret, replaceable address: read back with
`icalendar`, numbers instead of names, 404 for a wrong or replaced token, never kept by the page cache."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from appointments import feed
from appointments.feed import feed_for_token, new_feed_link, token_hash
from appointments.models import Appointment, CalendarFeed
from tests.appointments.factories import AppointmentFactory, ConsultationAvailabilityFactory
from tests.clinics.factories import ClinicPageFactory
from tests.leads.factories import LeadFactory, StaffFactory
from tests.page_cache_client import PageCacheClientHandler

pytestmark = pytest.mark.django_db
State = Appointment.State


@pytest.fixture
def availability(clinic):
    return ConsultationAvailabilityFactory(clinic=clinic)


@pytest.fixture
def manager(db):
    return StaffFactory(groups=["Practice managers"])


@pytest.fixture
def token(availability, manager):
    return new_feed_link(availability=availability, by=manager)


def url(token):
    return reverse("calendar_feed:feed", args=[token])


def at(days, hour=10):
    """An instant `days` from now at a whole hour, UTC."""
    return (timezone.now() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def book(availability, days, hour=10, **fields):
    lead = fields.pop("lead", None) or LeadFactory(first_name="Ottoline", last_name="Pemberton-Quist")
    return AppointmentFactory(availability=availability, lead=lead, starts_at=at(days, hour), **fields)


def events(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_the_clinics_consultations_by_lead_number_with_their_times(
    client, availability, token
):
    booked = book(availability, 3)
    cancelled = book(availability, 4, state=State.CANCELLED)
    attended = book(availability, -2, state=State.ATTENDED)

    response = client.get(url(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, by_summary = events(response)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Practice website" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Consultations at Marylebone"
    assert set(by_summary) == {f"Consultation #{a.lead_id}" for a in (booked, cancelled, attended)}
    event = by_summary[f"Consultation #{booked.lead_id}"]
    assert event.decoded("DTSTART") == booked.starts_at
    assert event.decoded("DTEND") == booked.starts_at + datetime.timedelta(minutes=30)
    assert str(event["UID"]) == f"consultation-{booked.pk}@testserver"
    assert "DTSTAMP" in event
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Marylebone"
    assert str(event["URL"]) == f"http://testserver/admin/leads/{booked.lead_id}/"
    assert str(by_summary[f"Consultation #{cancelled.lead_id}"]["STATUS"]) == "CANCELLED"
    assert str(by_summary[f"Consultation #{attended.lead_id}"]["STATUS"]) == "CONFIRMED"


def test_the_feed_names_no_patient_and_no_treatment(client, availability, token):
    lead = LeadFactory(first_name="Ottoline", last_name="Pemberton-Quist", treatment_title="Chemical peel")
    book(availability, 3, lead=lead)

    body = client.get(url(token)).content.decode()

    for personal in ("Ottoline", "Pemberton", "Chemical peel", lead.email, str(lead.phone), lead.message):
        assert personal not in body


def test_the_feed_runs_from_a_week_back_to_the_booking_horizon_and_only_its_clinic(
    client, availability, token, clinics_index
):
    elsewhere = ConsultationAvailabilityFactory(
        clinic=ClinicPageFactory(parent=clinics_index, title="Richmond")
    )
    kept = [book(availability, -6), book(availability, 7 * availability.latest_weeks - 1)]
    for dropped in (
        book(availability, -8),
        book(availability, 7 * availability.latest_weeks + 1),
        book(elsewhere, 3),
    ):
        assert dropped.pk

    _, by_summary = events(client.get(url(token)))

    assert set(by_summary) == {f"Consultation #{a.lead_id}" for a in kept}


def test_the_feed_is_private_to_its_subscriber_and_never_in_the_page_cache(client, availability, token):
    client.handler = PageCacheClientHandler()
    book(availability, 3)

    first = client.get(url(token))
    new_feed_link(availability=availability, by=None)
    again = client.get(url(token))

    assert first["Cache-Control"] == "private, max-age=300"
    assert first.served_before_django is False
    assert again.status_code == 404


def test_a_new_link_stops_the_old_one_at_once_and_is_in_the_history(client, availability, token, manager):
    replacement = new_feed_link(availability=availability, by=manager)

    assert client.get(url(token)).status_code == 404
    assert client.get(url(replacement)).status_code == 200
    feed_row = CalendarFeed.objects.get()
    assert feed_row.token_hash not in (token, replacement)  # only the hash is stored
    entries = ModelLogEntry.objects.filter(action=feed.NEW_LINK_ACTION, object_id=str(feed_row.pk))
    assert [entry.user for entry in entries] == [manager, manager]


def test_a_wrong_token_is_not_found(client, token):
    assert client.get(url("x" * 43)).status_code == 404
    assert client.get(url(token[:-1])).status_code == 404
    assert client.get(url(token + "a")).status_code == 404


def test_a_guess_is_looked_up_by_its_hash_so_a_near_miss_tells_nothing(token):
    """The database compares SHA-256 hashes, never the token: a guess sharing all but the last
    character of the real token has a hash no closer to the stored one than any other guess."""
    near = token[:-1] + ("A" if token[-1] != "A" else "B")

    with CaptureQueriesContext(connection) as queries:
        assert feed_for_token(near) is None

    [lookup] = queries.captured_queries
    assert token_hash(near) in lookup["sql"]
    assert near not in lookup["sql"] and token not in lookup["sql"]


def test_one_address_asking_too_often_is_told_to_wait(client, token, monkeypatch):
    monkeypatch.setattr(feed, "RATE", "2/m")

    answers = [client.get(url(token)).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_the_feed_answers_reads_only(client, token):
    assert client.post(url(token)).status_code == 405
