"""What the patient's link lets them do: cancel their consultation, or ask for another time.
Either is recorded on the lead's timeline and told to the front desk by email."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from leads.models import LeadEvent

from .booking import appointment_cancel
from .email_queue import email_queue
from .links import has_expired
from .models import Appointment, AppointmentEmail
from .slots import local_text

Kind = AppointmentEmail.Kind


class LinkRefused(Exception):
    """The link cannot do this (any more); the message says why, for the patient."""


def another_time_asked(appointment):
    return appointment.emails.filter(kind=Kind.DESK_ANOTHER_TIME).exists()


def cancel_by_patient(appointment, *, now=None):
    """The patient cancels: the place is freed, the lead's timeline says so (appointment_cancel)
    and the front desk is emailed. Refused once started or when already cancelled."""
    _refuse_unless_open(appointment, now)
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.state == Appointment.State.CANCELLED:
            raise LinkRefused(_("This consultation is already cancelled."))
        appointment_cancel(appointment=appointment, by=None, now=now)
        email_queue(appointment, Kind.DESK_CANCELLED)
    return appointment


def ask_another_time(appointment, *, note="", now=None):
    """The patient asks for another time: the consultation stays booked until the front desk
    changes it; the lead's timeline keeps the patient's note and the front desk is emailed.
    Asked once per appointment: the second time says it is already asked."""
    _refuse_unless_open(appointment, now)
    with transaction.atomic():
        if email_queue(appointment, Kind.DESK_ANOTHER_TIME) is None:
            raise LinkRefused(_("You have already asked for another time: we will be in touch."))
        when = local_text(appointment.starts_at, appointment.availability.zone)
        text = f"The patient asked for another time than {when}"
        LeadEvent.objects.create(
            lead=appointment.lead,
            kind=LeadEvent.Kind.APPOINTMENT,
            note=f"{text}: {note}" if note else text,
        )
        appointment.lead.save(update_fields=["updated_at"])
    return appointment


def _refuse_unless_open(appointment, now):
    if appointment.state == Appointment.State.CANCELLED:
        raise LinkRefused(_("This consultation is already cancelled."))
    if appointment.state != Appointment.State.BOOKED or has_expired(appointment, now):
        raise LinkRefused(_("This consultation has started or passed, so this link no longer works."))
