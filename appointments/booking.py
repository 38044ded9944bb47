"""Booking a lead's consultation into a free place, cancelling it, and recording how it went.

Each action writes the lead's timeline in the same transaction, and booking and cancelling queue
the patient's email there too (appointments.email_queue). Capacity is the database's job:
the partial unique index on (availability, start, place) refuses a second live appointment in a
place, so two people booking the last place at once cannot both succeed, whatever this code read.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from leads.models import Lead, LeadEvent
from leads.workflow import TransitionError, lead_change_status

from .email_queue import cancellation_queue, email_queue
from .models import Appointment, AppointmentEmail, ConsultationAvailability
from .slots import is_offered, local_text

Status = Lead.Status
State = Appointment.State


class SlotUnavailable(ValidationError):
    """The time asked for cannot be booked: taken, not offered, or past. The message names it."""


def appointment_book(*, lead, starts_at, by, availability=None, any_time=False, now=None):
    """Book `lead` a consultation at `starts_at` in the lowest free place, move the lead to booked
    and record it. `any_time` lets the front desk book a time off the offered list (still within
    the places); `availability` defaults to the lead's clinic's, else the practice's."""
    availability = availability or ConsultationAvailability.for_clinic(lead.clinic)
    if availability is None:
        raise SlotUnavailable("No consultation times are set up for this clinic.")
    now = now or timezone.now()
    when = local_text(starts_at, availability.zone)
    if starts_at <= now:
        raise SlotUnavailable(f"{when} has passed: choose a later time.")
    if not any_time and not is_offered(availability, starts_at, now=now):
        raise SlotUnavailable(f"{when} is not one of the consultation times offered.")

    with transaction.atomic():
        appointment = _take_a_place(lead=lead, availability=availability, starts_at=starts_at, by=by)
        if appointment is None:
            raise SlotUnavailable(f"{when} is fully booked: choose another time.")
        if lead.status not in (Status.BOOKED, Status.PATIENT):
            lead_change_status(lead=lead, to=Status.BOOKED, by=by)
        _record(appointment, by, f"booked a consultation for {when}")
        email_queue(appointment, AppointmentEmail.Kind.CONFIRMATION)
    return appointment


def appointment_cancel(*, appointment, by, now=None):
    """Cancel a booked appointment, giving its place back; a lead with no other booking goes back
    to contacted. `by` is None when the patient cancelled."""
    if appointment.state != State.BOOKED:
        raise TransitionError(
            f"An appointment that is {appointment.get_state_display().lower()} cannot be cancelled."
        )
    lead = appointment.lead
    with transaction.atomic():
        appointment.state = State.CANCELLED
        appointment.cancelled_at = now or timezone.now()
        appointment.save(update_fields=["state", "cancelled_at"])
        still_booked = lead.appointments.filter(state=State.BOOKED).exists()
        if lead.status == Status.BOOKED and not still_booked:
            lead_change_status(lead=lead, to=Status.CONTACTED, by=by)
        _record(appointment, by, f"cancelled the consultation on {_when(appointment)}")
        cancellation_queue(appointment)
    return appointment


OUTCOMES = (State.ATTENDED, State.DID_NOT_ATTEND)


def appointment_outcome(*, appointment, state, by, now=None):
    """Record whether the patient came to a consultation that has started (a mistaken outcome may
    be corrected); the lead's status is the front desk's next step, unchanged here."""
    state = State(state)
    if state not in OUTCOMES:
        raise TransitionError("An outcome is attended or did not attend.")
    if appointment.state == State.CANCELLED:
        raise TransitionError("A cancelled appointment has no outcome.")
    if appointment.starts_at > (now or timezone.now()):
        raise TransitionError("A consultation that has not started yet has no outcome.")
    if appointment.state == state:
        return appointment
    with transaction.atomic():
        appointment.state = state
        appointment.save(update_fields=["state"])
        _record(appointment, by, f"marked the consultation on {_when(appointment)} as {state.label.lower()}")
    return appointment


def _take_a_place(*, lead, availability, starts_at, by):
    """The appointment created in the lowest place free at `starts_at`, or None when all are held.

    Places read as free may be taken by a concurrent booking before this one commits: the unique
    index then refuses the insert, and the next place is tried.
    """
    held = _held_places(availability, starts_at)
    ends_at = starts_at + datetime.timedelta(minutes=availability.length_minutes)
    for place in range(1, availability.places + 1):
        if place in held:
            continue
        try:
            with transaction.atomic():
                return Appointment.objects.create(
                    lead=lead,
                    availability=availability,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    place=place,
                    booked_by=by,
                )
        except IntegrityError:
            continue
    return None


def _held_places(availability, starts_at):
    return set(
        Appointment.objects.filter(
            availability=availability, starts_at=starts_at, state__in=Appointment.HOLDING_PLACE
        ).values_list("place", flat=True)
    )


def _when(appointment):
    return local_text(appointment.starts_at, appointment.availability.zone)


def _record(appointment, by, note):
    # `note` reads after the actor's name on the timeline: "Fran Desk booked a consultation for ...".
    LeadEvent.objects.create(lead=appointment.lead, kind=LeadEvent.Kind.APPOINTMENT, actor=by, note=note)
    # Touching updated_at keeps a lead with appointments out of the retention purge, as notes do.
    appointment.lead.save(update_fields=["updated_at"])
