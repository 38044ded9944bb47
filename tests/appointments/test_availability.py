"""Setting up consultation availability: which availability a clinic uses, times that must fit the
clinic's opening hours, and who may edit them in the admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from appointments.models import ConsultationAvailability
from practice.cache import current_generation
from tests.appointments.factories import ConsultationAvailabilityFactory, ConsultationTimesFactory
from tests.clinics.factories import ClinicOpeningHoursFactory, ClinicPageFactory
from tests.leads.factories import StaffFactory


@pytest.fixture
def weekday_clinic(clinic):
    """Marylebone, open Monday 09:00-13:00 and 14:00-18:00 and Tuesday 09:00-17:00."""
    ClinicOpeningHoursFactory(clinic=clinic, weekday="Monday", opens="09:00", closes="13:00")
    ClinicOpeningHoursFactory(clinic=clinic, weekday="Monday", opens="14:00", closes="18:00")
    ClinicOpeningHoursFactory(clinic=clinic, weekday="Tuesday", opens="09:00", closes="17:00")
    return clinic


def times_error(availability, weekday, starts, ends):
    times = ConsultationTimesFactory.build(
        availability=availability, weekday=weekday, starts=starts, ends=ends
    )
    with pytest.raises(ValidationError) as error:
        times.full_clean()
    return error.value.message_dict["ends"]


def test_a_clinic_uses_its_own_availability_else_the_practices(clinics_index):
    with_own, without = ClinicPageFactory(parent=clinics_index), ClinicPageFactory(parent=clinics_index)
    own = ConsultationAvailabilityFactory(clinic=with_own)

    assert ConsultationAvailability.for_clinic(without) is None
    practice_wide = ConsultationAvailabilityFactory(clinic=None)
    assert ConsultationAvailability.for_clinic(with_own) == own
    assert ConsultationAvailability.for_clinic(without) == practice_wide
    assert ConsultationAvailability.for_clinic(None) == practice_wide


def test_times_must_fall_within_the_clinics_opening_hours_that_day(weekday_clinic):
    availability = ConsultationAvailabilityFactory(clinic=weekday_clinic)

    assert times_error(availability, "Monday", datetime.time(12), datetime.time(15)) == [
        "Consultations on Monday must fall within Marylebone's opening hours that day (09:00-13:00, 14:00-18:00)."
    ]
    assert times_error(availability, "Sunday", datetime.time(10), datetime.time(12)) == [
        "Marylebone is closed on Sundays: offer no consultations then."
    ]
    assert times_error(availability, "Tuesday", datetime.time(12), datetime.time(11)) == [
        "The closing time must be after the opening time."
    ]
    ConsultationTimesFactory.build(
        availability=availability, weekday="Monday", starts=datetime.time(14), ends=datetime.time(18)
    ).full_clean()


def test_only_one_availability_is_the_practices_own(db):
    ConsultationAvailabilityFactory(clinic=None)

    with pytest.raises(ValidationError, match="already has its own availability"):
        ConsultationAvailabilityFactory.build(clinic=None).full_clean()


def test_a_time_zone_must_be_a_real_one(db):
    with pytest.raises(ValidationError, match="not a time zone name"):
        ConsultationAvailabilityFactory.build(time_zone="Europe/Londres").full_clean()


def availability_form(clinic, times):
    return nested_form_data(
        {
            "clinic": clinic.pk,
            "offered": "on",
            "length_minutes": 30,
            "places": 2,
            "earliest_notice_hours": 48,
            "latest_weeks": 6,
            "time_zone": "Europe/London",
            "times": inline_formset(
                [{"weekday": day, "starts": starts, "ends": ends} for day, starts, ends in times]
            ),
        }
    )


@pytest.fixture
def practice_manager(db):
    return StaffFactory(groups=["Practice managers"])


def test_a_practice_manager_sets_a_clinics_consultation_times(client, practice_manager, weekday_clinic):
    client.force_login(practice_manager)

    response = client.post(
        reverse("consultation_availability:add"),
        availability_form(weekday_clinic, [("Monday", "09:00", "12:00"), ("Tuesday", "10:00", "16:00")]),
    )

    assert response.status_code == 302
    listed = client.get(reverse("consultation_availability:index")).content.decode()
    assert "Consultations at Marylebone" in listed
    availability = ConsultationAvailability.for_clinic(weekday_clinic)
    assert availability.places == 2
    assert sorted(str(times) for times in availability.times.all()) == [
        "Monday 09:00-12:00",
        "Tuesday 10:00-16:00",
    ]


def test_changing_the_times_offered_empties_the_page_cache(client, practice_manager, weekday_clinic):
    """Cached pages show the times offered; they must not outlive a change to them."""
    client.force_login(practice_manager)
    before = current_generation()

    client.post(
        reverse("consultation_availability:add"),
        availability_form(weekday_clinic, [("Monday", "09:00", "12:00")]),
    )

    assert current_generation() != before


def test_the_editor_refuses_times_outside_the_chosen_clinics_hours(client, practice_manager, weekday_clinic):
    client.force_login(practice_manager)

    response = client.post(
        reverse("consultation_availability:add"),
        availability_form(weekday_clinic, [("Monday", "08:00", "12:00")]),
    )

    assert response.status_code == 200
    assert (
        "Consultations on Monday must fall within Marylebone&#x27;s opening hours"
        in response.content.decode()
    )
    assert not ConsultationAvailability.objects.exists()


def test_the_editor_refuses_times_that_overlap_on_a_day(client, practice_manager, weekday_clinic):
    client.force_login(practice_manager)

    response = client.post(
        reverse("consultation_availability:add"),
        availability_form(weekday_clinic, [("Tuesday", "09:00", "12:00"), ("Tuesday", "11:00", "13:00")]),
    )

    assert response.status_code == 200
    assert "The consultation times overlap on Tuesday." in response.content.decode()


def test_the_front_desk_cannot_change_consultation_times(client, db):
    client.force_login(StaffFactory(groups=["Front desk"]))

    assert client.get(reverse("consultation_availability:index")).status_code in (302, 403)
