"""The front desk's day: each visible clinic's consultations over two local days, across a
daylight-saving change, outcome buttons on the lead's timeline, a bounded query count; and the
calendar feed addresses practice managers make."""

import datetime
import html
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from appointments.feed import feed_for_token
from appointments.models import Appointment, CalendarFeed
from leads.models import LeadAccess, LeadEvent
from staff.models import ClinicMembership
from tests.appointments.factories import AppointmentFactory, ConsultationAvailabilityFactory
from tests.leads.factories import LeadFactory, StaffFactory

pytestmark = pytest.mark.django_db
DAY = reverse("consultations:day")
FEEDS = reverse("consultations:feeds")
LONDON = zoneinfo.ZoneInfo("Europe/London")
State = Appointment.State


@pytest.fixture
def availabilities(clinics):
    return tuple(ConsultationAvailabilityFactory(clinic=clinic) for clinic in clinics)


@pytest.fixture
def desk(client, front_desk, clinics):
    """Marylebone's front desk, signed in."""
    ClinicMembership.objects.create(user=front_desk, clinic=clinics[0])
    client.force_login(front_desk)
    return client


def book(availability, local, first_name="Ottoline", **fields):
    """A consultation at wall-clock `local` (naive) in London, for a lead of the availability's clinic."""
    lead = LeadFactory(clinic=availability.clinic, first_name=first_name, last_name="Quist")
    starts_at = local.replace(tzinfo=LONDON).astimezone(datetime.UTC)
    return AppointmentFactory(availability=availability, lead=lead, starts_at=starts_at, **fields)


def shown(response):
    """{(availability id, local date text): [lead ids]} as the page lists them."""
    return {
        (availability.pk, diary_day.day.isoformat()): [a.lead_id for a in diary_day.appointments]
        for availability, days in response.context["diaries"]
        for diary_day in days
    }


def test_a_front_desk_sees_only_its_clinics_consultations(desk, availabilities):
    marylebone, richmond = availabilities
    ours = book(marylebone, datetime.datetime(2026, 12, 8, 10), first_name="Ottoline")
    book(richmond, datetime.datetime(2026, 12, 8, 10), first_name="Perpetua")

    response = desk.get(DAY, {"day": "2026-12-08"})

    assert response.status_code == 200
    assert shown(response) == {
        (marylebone.pk, "2026-12-08"): [ours.lead_id],
        (marylebone.pk, "2026-12-09"): [],
    }
    page = response.content.decode()
    assert "Ottoline Quist" in page and "Perpetua" not in page and "Richmond" not in page
    assert "10:00–10:30" in page
    assert "Tuesday 8 December 2026" in page


def test_a_practice_manager_sees_every_clinic(client, availabilities):
    client.force_login(StaffFactory(groups=["Practice managers"]))
    for availability in availabilities:
        book(availability, datetime.datetime(2026, 12, 9, 15))

    response = client.get(DAY, {"day": "2026-12-08"})

    assert [len(shown(response)[(a.pk, "2026-12-09")]) for a in availabilities] == [1, 1]


def test_today_and_tomorrow_by_default(desk, availabilities):
    marylebone = availabilities[0]
    today = timezone.localdate()
    at_noon = [
        datetime.datetime.combine(today + datetime.timedelta(days=n), datetime.time(12))
        for n in (-1, 0, 1, 2)
    ]
    yesterday, today_one, tomorrow_one, later = (book(marylebone, moment) for moment in at_noon)

    response = desk.get(DAY)

    assert shown(response) == {
        (marylebone.pk, today.isoformat()): [today_one.lead_id],
        (marylebone.pk, (today + datetime.timedelta(days=1)).isoformat()): [tomorrow_one.lead_id],
    }
    page = response.content.decode()
    assert "Today, " in page and "Tomorrow, " in page


def test_days_are_the_clinics_own_when_the_clocks_go_back(desk, availabilities):
    """Sunday 25 October 2026 in London runs 25 hours, from 23:00 UTC on the 24th to 00:00 UTC on the 26th."""
    marylebone = availabilities[0]
    book(marylebone, datetime.datetime(2026, 10, 24, 23, 30))  # 22:30 UTC: Saturday, not shown
    first = book(marylebone, datetime.datetime(2026, 10, 25, 0, 30))  # 23:30 UTC on the 24th, BST
    twice = book(marylebone, datetime.datetime(2026, 10, 25, 1, 30, fold=1))  # the second 01:30, GMT
    last = book(marylebone, datetime.datetime(2026, 10, 25, 23, 30))  # 23:30 UTC, GMT
    monday = book(marylebone, datetime.datetime(2026, 10, 26, 0, 30))
    book(marylebone, datetime.datetime(2026, 10, 27, 0, 30))  # Tuesday, not shown

    response = desk.get(DAY, {"day": "2026-10-25"})

    assert shown(response) == {
        (marylebone.pk, "2026-10-25"): [first.lead_id, twice.lead_id, last.lead_id],
        (marylebone.pk, "2026-10-26"): [monday.lead_id],
    }
    page = response.content.decode()
    assert "00:30–01:00" in page and "23:30–00:00" in page


def test_days_are_the_clinics_own_when_the_clocks_go_forward(desk, availabilities):
    """Sunday 29 March 2026 in London runs 23 hours: 00:00 GMT to 00:00 BST (23:00 UTC)."""
    marylebone = availabilities[0]
    late_sunday = book(marylebone, datetime.datetime(2026, 3, 29, 23, 30))  # 22:30 UTC on the 29th
    early_sunday = book(marylebone, datetime.datetime(2026, 3, 29, 0, 30))  # 00:30 UTC

    response = desk.get(DAY, {"day": "2026-03-28"})

    assert shown(response) == {
        (marylebone.pk, "2026-03-28"): [],
        (marylebone.pk, "2026-03-29"): [early_sunday.lead_id, late_sunday.lead_id],
    }


def test_each_clinic_counts_days_on_its_own_clock(desk, clinics, availabilities):
    marylebone = availabilities[0]
    marylebone.time_zone = "America/New_York"
    marylebone.save()
    # 02:00 UTC on Tuesday 8 December is 21:00 on Monday 7 December in New York.
    lead = LeadFactory(clinic=clinics[0])
    AppointmentFactory(
        availability=marylebone, lead=lead, starts_at=datetime.datetime(2026, 12, 8, 2, tzinfo=datetime.UTC)
    )

    response = desk.get(DAY, {"day": "2026-12-07"})

    assert shown(response)[(marylebone.pk, "2026-12-07")] == [lead.pk]
    assert "21:00–21:30" in response.content.decode()


def test_a_day_that_is_not_a_date_says_so_and_shows_today(desk, availabilities):
    response = desk.get(DAY, {"day": "8/12/2026"}, follow=True)

    assert response.context["first_day"] == timezone.localdate()
    assert '"8/12/2026" is not a date such as 2026-12-08: showing today.' in html.unescape(
        response.content.decode()
    )


def test_the_names_shown_are_in_the_access_trail(desk, availabilities):
    appointment = book(availabilities[0], datetime.datetime(2026, 12, 8, 10))

    desk.get(DAY, {"day": "2026-12-08"})

    entry = LeadAccess.objects.get(kind=LeadAccess.Kind.LISTED)
    assert list(entry.leads.values_list("lead_id", flat=True)) == [appointment.lead_id]
    assert entry.summary == "Consultations on Tuesday 8 December 2026 and Wednesday 9 December 2026"


def test_the_query_count_does_not_grow_with_the_consultations(desk, availabilities):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert desk.get(DAY, {"day": "2026-12-08"}).status_code == 200
        return len(captured)

    book(availabilities[0], datetime.datetime(2026, 12, 8, 9))
    queries()  # the site and the session's first reads are cached after this
    few = queries()
    for hour in range(10, 18):
        book(availabilities[0], datetime.datetime(2026, 12, 9, hour))
    assert queries() == few


def test_attended_is_recorded_on_the_lead_and_its_timeline(desk, availabilities, front_desk):
    appointment = book(availabilities[0], datetime.datetime(2026, 11, 30, 10))

    response = desk.post(
        DAY, {"outcome-appointment": appointment.pk, "outcome-state": "attended", "day": "2026-11-30"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{DAY}?day=2026-11-30"
    appointment.refresh_from_db()
    assert appointment.state == State.ATTENDED
    event = appointment.lead.events.get(kind=LeadEvent.Kind.APPOINTMENT)
    assert event.actor == front_desk
    assert event.note == "marked the consultation on Monday 30 November 2026 at 10:00 as attended"


def test_did_not_attend_corrects_a_mistaken_attended(desk, availabilities):
    appointment = book(availabilities[0], datetime.datetime(2026, 11, 30, 10), state=State.ATTENDED)

    desk.post(DAY, {"outcome-appointment": appointment.pk, "outcome-state": "did_not_attend"})

    appointment.refresh_from_db()
    assert appointment.state == State.DID_NOT_ATTEND


def test_a_consultation_still_to_come_has_no_outcome_and_says_why(desk, availabilities):
    tomorrow = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(12))
    appointment = book(availabilities[0], tomorrow)

    response = desk.post(
        DAY, {"outcome-appointment": appointment.pk, "outcome-state": "attended"}, follow=True
    )

    appointment.refresh_from_db()
    assert appointment.state == State.BOOKED
    assert "A consultation that has not started yet has no outcome." in response.content.decode()
    assert f'data-appointment="{appointment.pk}"' in response.content.decode()
    assert 'value="attended"' not in response.content.decode()  # no button before it starts


def test_the_lead_page_records_whether_the_patient_came(desk, availabilities, front_desk):
    started = book(availabilities[0], datetime.datetime(2026, 11, 30, 10))
    tomorrow = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(12))
    to_come = AppointmentFactory(
        availability=availabilities[0],
        lead=started.lead,
        starts_at=tomorrow.replace(tzinfo=LONDON).astimezone(datetime.UTC),
        state=State.CANCELLED,
    )
    page = reverse("lead_admin:detail", args=[started.lead_id])

    before = desk.get(page).content.decode()
    response = desk.post(
        page, {"action": "outcome", "outcome-appointment": started.pk, "outcome-state": "did_not_attend"}
    )

    assert before.count('value="did_not_attend"') == 1  # the started one only, not the cancelled one
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.state == State.DID_NOT_ATTEND
    assert started.lead.events.filter(kind=LeadEvent.Kind.APPOINTMENT, actor=front_desk).exists()
    refused = desk.post(
        page,
        {"action": "outcome", "outcome-appointment": to_come.pk, "outcome-state": "attended"},
        follow=True,
    )
    assert "A cancelled appointment has no outcome." in refused.content.decode()


def test_an_outcome_that_is_not_one_is_refused_with_a_message(desk, availabilities):
    appointment = book(availabilities[0], datetime.datetime(2026, 11, 30, 10))

    response = desk.post(
        DAY, {"outcome-appointment": appointment.pk, "outcome-state": "cancelled"}, follow=True
    )

    appointment.refresh_from_db()
    assert appointment.state == State.BOOKED
    assert "An outcome is attended or did not attend." in response.content.decode()


def test_another_clinics_consultation_is_not_found(desk, availabilities):
    theirs = book(availabilities[1], datetime.datetime(2026, 11, 30, 10))

    response = desk.post(DAY, {"outcome-appointment": theirs.pk, "outcome-state": "attended"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == State.BOOKED


def test_editors_are_kept_out(client, editor, availabilities):
    client.force_login(editor)

    assert client.get(DAY).status_code in (302, 403)
    assert client.get(FEEDS).status_code in (302, 403)


def test_a_practice_manager_makes_a_feed_address_shown_once(client, availabilities):
    manager = StaffFactory(groups=["Practice managers"])
    client.force_login(manager)
    marylebone = availabilities[0]

    response = client.post(FEEDS, {"availability": marylebone.pk})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # the address is a secret: no browser keeps it
    address = response.context["new_link"][1]
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert address.startswith("http://testserver/calendar/")
    assert feed_for_token(token).availability == marylebone
    again = client.get(FEEDS).content.decode()
    assert token not in again
    assert "New address: stop the old one" in again
    client.post(FEEDS, {"availability": marylebone.pk})
    assert feed_for_token(token) is None
    assert CalendarFeed.objects.get().created_by == manager


def test_a_front_desk_cannot_make_feed_addresses(desk, availabilities):
    assert desk.get(FEEDS).status_code in (302, 403)
    assert desk.post(FEEDS, {"availability": availabilities[0].pk}).status_code in (302, 403)
    assert not CalendarFeed.objects.exists()


def test_the_menu_offers_the_day_to_the_front_desk_only(client, front_desk, editor):
    client.force_login(front_desk)
    assert f'"url": "{DAY}"' in client.get(reverse("wagtailadmin_home")).content.decode().replace(
        "&quot;", '"'
    )
    client.force_login(editor)
    assert f'"url": "{DAY}"' not in client.get(reverse("wagtailadmin_home")).content.decode().replace(
        "&quot;", '"'
    )
