"""Which consultation starts are offered and free: daylight-saving changes, closures and special
hours, the notice and the weeks ahead, and places taken by appointments."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments.models import Appointment
from appointments.slots import by_local_day, free_slots, offered_slots
from tests.appointments.factories import (
    AppointmentFactory,
    ConsultationAvailabilityFactory,
    ConsultationTimesFactory,
)
from tests.clinics.factories import ClinicOpeningHoursFactory, ClinicSpecialHoursFactory
from tests.leads.factories import LeadFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def on_day(starts, day):
    return [start for start in starts if start.astimezone(LONDON).date() == day]


@pytest.fixture
def night_and_morning(db):
    """The practice's availability on Sundays, 01:00-03:00 and 09:00-12:00, half-hour consultations."""
    availability = ConsultationAvailabilityFactory(earliest_notice_hours=0, latest_weeks=1)
    ConsultationTimesFactory(availability=availability, weekday="Sunday", starts="01:00", ends="03:00")
    ConsultationTimesFactory(availability=availability, weekday="Sunday", starts="09:00", ends="12:00")
    return availability


def test_spring_change_skips_the_hour_that_does_not_exist(night_and_morning):
    # Sunday 28 March 2027: at 01:00 GMT the clocks go forward to 02:00 BST.
    starts = on_day(offered_slots(night_and_morning, now=utc(2027, 3, 27, 12)), datetime.date(2027, 3, 28))

    assert starts == [
        utc(2027, 3, 28, 1, 0),  # 02:00 BST
        utc(2027, 3, 28, 1, 30),  # 02:30 BST, ending at 03:00
        *[utc(2027, 3, 28, hour, minute) for hour in (8, 9, 10) for minute in (0, 30)],  # 09:00-11:30 BST
    ]


def test_autumn_change_offers_the_repeated_hour_once(night_and_morning):
    # Sunday 31 October 2027: at 02:00 BST the clocks go back to 01:00 GMT.
    starts = on_day(offered_slots(night_and_morning, now=utc(2027, 10, 30, 12)), datetime.date(2027, 10, 31))

    assert starts == [
        utc(2027, 10, 31, 0, 0),  # 01:00 BST, its first occurrence
        utc(2027, 10, 31, 0, 30),  # 01:30 BST
        utc(2027, 10, 31, 2, 0),  # 02:00 GMT
        utc(2027, 10, 31, 2, 30),  # 02:30 GMT
        *[utc(2027, 10, 31, hour, minute) for hour in (9, 10, 11) for minute in (0, 30)],  # 09:00-11:30 GMT
    ]
    assert len(set(starts)) == len(starts)


def test_an_ordinary_sunday_offers_every_half_hour(night_and_morning):
    starts = on_day(offered_slots(night_and_morning, now=utc(2027, 3, 20, 12)), datetime.date(2027, 3, 21))

    local = [start.astimezone(LONDON).strftime("%H:%M") for start in starts]
    assert local == ["01:00", "01:30", "02:00", "02:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]


def test_a_consultation_ends_within_its_window(db):
    availability = ConsultationAvailabilityFactory(length_minutes=45, earliest_notice_hours=0, latest_weeks=1)
    ConsultationTimesFactory(availability=availability, weekday="Monday", starts="09:00", ends="11:00")

    starts = offered_slots(availability, now=utc(2027, 1, 3, 12))

    assert [start.astimezone(LONDON).strftime("%a %H:%M") for start in starts] == [
        "Mon 09:00",
        "Mon 09:45",  # ends 10:30; one at 10:30 would end after 11:00
    ]


def test_starts_run_from_the_earliest_notice_to_the_latest_week(db):
    availability = ConsultationAvailabilityFactory(earliest_notice_hours=48, latest_weeks=2)
    ConsultationTimesFactory(availability=availability, weekday="Monday", starts="09:00", ends="10:00")
    now = utc(2027, 1, 2, 9, 15)  # Saturday: Monday 09:00 is 47 h 45 min away

    starts = offered_slots(availability, now=now)

    assert starts == [utc(2027, 1, 4, 9, 30), utc(2027, 1, 11, 9), utc(2027, 1, 11, 9, 30)]
    assert offered_slots(availability, now=now, weeks=1) == starts[:1]
    assert offered_slots(availability, now=now, weeks=9) == starts


def test_an_availability_not_offered_offers_nothing(night_and_morning):
    night_and_morning.offered = False

    assert offered_slots(night_and_morning, now=utc(2027, 3, 20, 12)) == []
    assert free_slots(night_and_morning, now=utc(2027, 3, 20, 12)) == []


def test_closures_are_skipped_and_special_hours_keep_only_the_times_inside_them(clinic):
    ClinicOpeningHoursFactory(clinic=clinic, weekday="Monday", opens="08:00", closes="18:00")
    availability = ConsultationAvailabilityFactory(clinic=clinic, earliest_notice_hours=0, latest_weeks=3)
    ConsultationTimesFactory(availability=availability, weekday="Monday", starts="09:00", ends="12:00")
    ClinicSpecialHoursFactory(clinic=clinic, reason="Training", starts=datetime.date(2027, 1, 4))
    ClinicSpecialHoursFactory(
        clinic=clinic,
        reason="Short day",
        starts=datetime.date(2027, 1, 11),
        closed=False,
        opens=datetime.time(10),
        closes=datetime.time(11, 15),
    )

    days = by_local_day(offered_slots(availability, now=utc(2027, 1, 2)), LONDON)

    assert [(day.isoformat(), [time.strftime("%H:%M") for time in times]) for day, times in days] == [
        ("2027-01-11", ["10:00", "10:30"]),  # 10:45 would end after 11:15
        ("2027-01-18", ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]),
    ]


def test_a_start_with_every_place_held_is_not_free_and_a_cancelled_one_frees_it(db):
    availability = ConsultationAvailabilityFactory(places=2, earliest_notice_hours=0, latest_weeks=1)
    ConsultationTimesFactory(availability=availability, weekday="Monday", starts="09:00", ends="10:00")
    nine, half_past = utc(2027, 1, 4, 9), utc(2027, 1, 4, 9, 30)
    AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=nine, place=1)
    AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=half_past, place=1)
    second = AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=nine, place=2)
    now = utc(2027, 1, 2)

    assert free_slots(availability, now=now) == [half_past]

    second.state = Appointment.State.CANCELLED
    second.save()
    assert free_slots(availability, now=now) == [nine, half_past]


def test_free_slots_take_three_queries_however_many_weeks(clinic):
    availability = ConsultationAvailabilityFactory(
        clinic=clinic, places=1, earliest_notice_hours=0, latest_weeks=6
    )
    for weekday in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        ConsultationTimesFactory(availability=availability, weekday=weekday, starts="09:00", ends="17:00")
    AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=utc(2027, 1, 4, 9))
    ClinicSpecialHoursFactory(clinic=clinic, starts=datetime.date(2027, 1, 5))
    availability = type(availability).objects.get(pk=availability.pk)

    with CaptureQueriesContext(connection) as queries:
        free = free_slots(availability, now=utc(2027, 1, 2))

    assert len(free) == 6 * 5 * 16 - 16 - 1  # less a closed day and a booked start
    assert len(queries) == 3  # the weekly times, the clinic's closures, the places held
