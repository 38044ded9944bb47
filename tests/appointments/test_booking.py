"""Booking consultations into places: capacity, refused times, cancelling and outcomes, and the
lead's status and timeline."""

import datetime

import pytest
from django.db import IntegrityError

from appointments import booking
from appointments.booking import SlotUnavailable, appointment_book, appointment_cancel, appointment_outcome
from appointments.models import Appointment
from leads.models import Lead, LeadEvent
from leads.workflow import TransitionError
from tests.appointments.factories import (
    AppointmentFactory,
    ConsultationAvailabilityFactory,
    ConsultationTimesFactory,
)
from tests.leads.factories import LeadFactory, StaffFactory

NOW = datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.UTC)  # a Friday
MONDAY_NINE = datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)
State = Appointment.State


@pytest.fixture
def two_places(db):
    """The practice's own availability: Mondays 09:00-12:00, two consultations at once."""
    availability = ConsultationAvailabilityFactory(places=2)
    ConsultationTimesFactory(availability=availability, weekday="Monday", starts="09:00", ends="12:00")
    return availability


@pytest.fixture
def desk(db):
    return StaffFactory()


def book(lead, by=None, starts_at=MONDAY_NINE, **options):
    return appointment_book(lead=lead, starts_at=starts_at, by=by, now=NOW, **options)


def test_booking_fills_the_places_in_order_then_refuses_with_the_time(two_places, desk):
    first, second = book(LeadFactory(), desk), book(LeadFactory(), desk)

    with pytest.raises(SlotUnavailable) as refused:
        book(LeadFactory(), desk)

    assert (first.place, second.place) == (1, 2)
    assert first.availability == two_places
    assert first.ends_at == MONDAY_NINE + datetime.timedelta(minutes=30)
    assert first.booked_by == desk
    assert refused.value.messages == ["Monday 4 January 2027 at 09:00 is fully booked: choose another time."]
    assert Appointment.objects.count() == 2


def test_a_booking_moves_the_lead_to_booked_on_its_timeline(two_places, desk):
    lead = LeadFactory(status=Lead.Status.CONTACTED)

    book(lead, desk)

    lead.refresh_from_db()
    assert lead.status == Lead.Status.BOOKED
    moved = lead.events.get(kind=LeadEvent.Kind.STATUS)
    assert (moved.from_status, moved.to_status, moved.actor) == ("contacted", "booked", desk)
    booked = lead.events.get(kind=LeadEvent.Kind.APPOINTMENT)
    assert booked.note == "booked a consultation for Monday 4 January 2027 at 09:00"
    assert booked.actor == desk


def test_a_lead_that_cannot_be_booked_keeps_its_place_free(two_places, desk):
    lead = LeadFactory(status=Lead.Status.SPAM)

    with pytest.raises(TransitionError):
        book(lead, desk)

    assert not Appointment.objects.exists()
    assert not LeadEvent.objects.exists()


def test_a_cancelled_appointment_frees_its_place_and_the_lead_goes_back_to_contacted(two_places, desk):
    lead = LeadFactory()
    first = book(lead, desk)
    book(LeadFactory(), desk)

    appointment_cancel(appointment=first, by=None, now=NOW)
    third = book(LeadFactory(), desk)

    first.refresh_from_db()
    lead.refresh_from_db()
    assert (first.state, first.cancelled_at) == (State.CANCELLED, NOW)
    assert third.place == 1
    assert lead.status == Lead.Status.CONTACTED
    assert lead.events.filter(kind=LeadEvent.Kind.APPOINTMENT).first().note == (
        "cancelled the consultation on Monday 4 January 2027 at 09:00"
    )
    with pytest.raises(TransitionError):
        appointment_cancel(appointment=first, by=desk, now=NOW)


def test_a_forged_start_is_refused(two_places, desk):
    with pytest.raises(SlotUnavailable) as off_the_list:
        book(LeadFactory(), desk, starts_at=MONDAY_NINE + datetime.timedelta(minutes=10))
    with pytest.raises(SlotUnavailable) as too_soon:
        appointment_book(
            lead=LeadFactory(), starts_at=MONDAY_NINE, by=None, now=MONDAY_NINE - datetime.timedelta(hours=47)
        )
    with pytest.raises(SlotUnavailable) as past:
        book(LeadFactory(), desk, starts_at=NOW - datetime.timedelta(days=3), any_time=True)

    assert off_the_list.value.messages == [
        "Monday 4 January 2027 at 09:10 is not one of the consultation times offered."
    ]
    assert too_soon.value.messages == [
        "Monday 4 January 2027 at 09:00 is not one of the consultation times offered."
    ]
    assert past.value.messages == ["Tuesday 29 December 2026 at 12:00 has passed: choose a later time."]
    assert not Appointment.objects.exists()


def test_while_times_are_not_offered_only_the_front_desk_books_them(two_places, desk):
    two_places.offered = False
    two_places.save()

    with pytest.raises(SlotUnavailable, match="not one of the consultation times offered"):
        book(LeadFactory(), None)
    assert book(LeadFactory(), desk, any_time=True).place == 1


def test_the_front_desk_may_book_another_time_within_the_places(two_places, desk):
    saturday = datetime.datetime(2027, 1, 2, 15, 15, tzinfo=datetime.UTC)

    booked = [book(LeadFactory(), desk, starts_at=saturday, any_time=True) for _ in range(2)]
    with pytest.raises(SlotUnavailable, match="Saturday 2 January 2027 at 15:15 is fully booked"):
        book(LeadFactory(), desk, starts_at=saturday, any_time=True)

    assert [appointment.place for appointment in booked] == [1, 2]


def test_the_database_refuses_a_second_live_appointment_in_a_place(two_places):
    AppointmentFactory(
        lead=LeadFactory(), availability=two_places, starts_at=MONDAY_NINE, state=State.CANCELLED
    )
    AppointmentFactory(lead=LeadFactory(), availability=two_places, starts_at=MONDAY_NINE)

    with pytest.raises(IntegrityError):
        AppointmentFactory(lead=LeadFactory(), availability=two_places, starts_at=MONDAY_NINE)


def test_a_place_taken_after_it_was_read_as_free_moves_the_booking_to_the_next(two_places, desk, monkeypatch):
    AppointmentFactory(lead=LeadFactory(), availability=two_places, starts_at=MONDAY_NINE, place=1)
    # As if another desk booked place 1 between this booking's read and its insert.
    monkeypatch.setattr(booking, "_held_places", lambda availability, starts_at: set())

    assert book(LeadFactory(), desk).place == 2
    with pytest.raises(SlotUnavailable, match="fully booked"):
        book(LeadFactory(), desk)


def test_outcomes_are_recorded_once_the_consultation_has_started(two_places, desk):
    appointment = book(LeadFactory(), desk)

    with pytest.raises(TransitionError, match="not started"):
        appointment_outcome(appointment=appointment, state=State.ATTENDED, by=desk, now=NOW)
    appointment_outcome(appointment=appointment, state=State.DID_NOT_ATTEND, by=desk, now=MONDAY_NINE)

    appointment.refresh_from_db()
    assert appointment.state == State.DID_NOT_ATTEND
    assert appointment.get_state_display() == "Did not attend"
    assert appointment.lead.events.filter(kind=LeadEvent.Kind.APPOINTMENT).first().note == (
        "marked the consultation on Monday 4 January 2027 at 09:00 as did not attend"
    )
    # A no-show still holds its place: the time was used.
    assert Appointment.objects.filter(state__in=Appointment.HOLDING_PLACE).count() == 1
    with pytest.raises(TransitionError):
        appointment_cancel(appointment=appointment, by=desk)
