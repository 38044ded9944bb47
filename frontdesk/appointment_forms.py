"""The lead page's appointment actions: confirm a time the patient proposed, book another time on
the clinic's clock, cancel a booked consultation, or record whether the patient came (also posted
from the day view). Booking and cancelling are
appointments.booking's: capacity is held by the database, and the patient is emailed from there.

The front desk may book outside the times offered to patients (`any_time`), never over capacity.
"""

import datetime

from django import forms
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput

from appointments.booking import OUTCOMES, appointment_book, appointment_cancel, appointment_outcome
from appointments.models import Appointment, ConsultationAvailability
from appointments.slots import instant_at, local_text
from practice.hours import day_text

from .forms import LeadActionForm

NO_AVAILABILITY = (
    "No consultation times are set up for this clinic: add them in Settings > Consultation times."
)


class BookingForm(LeadActionForm):
    """What both ways of booking check: the lead has no consultation booked already, and its
    clinic (or the practice) has consultation times to book into."""

    success_message = "Booked. The patient is being emailed the confirmation."

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, lead=lead, **kwargs)
        self.availability = ConsultationAvailability.for_clinic(lead.clinic) if lead else None

    def clean(self):
        cleaned = super().clean()
        booked = self.lead.appointments.filter(state=Appointment.State.BOOKED).first()
        if booked:
            when = local_text(booked.starts_at, booked.availability.zone)
            raise forms.ValidationError(f"This lead already has a consultation on {when}: cancel it first.")
        if self.availability is None:
            raise forms.ValidationError(NO_AVAILABILITY)
        return cleaned

    def book(self, starts_at, by):
        appointment_book(
            lead=self.lead, starts_at=starts_at, by=by, availability=self.availability, any_time=True
        )


class ConfirmProposedForm(BookingForm):
    """The "Confirm this time" button beside one of the times the patient proposed."""

    slot = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, lead=lead, **kwargs)
        self.fields["slot"].queryset = lead.proposed_slots.all() if lead else None

    def apply(self, *, lead, by):
        self.book(self.cleaned_data["slot"].starts_at, by)


class AnotherTimeForm(BookingForm):
    """A date and time on the clinic's own clock, for a time the patient did not propose."""

    submit_label = "Book this time"

    on = forms.DateField(label="Date", widget=AdminDateInput)
    at = forms.TimeField(label="Time", widget=AdminTimeInput(format="%H:%M"))

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, lead=lead, **kwargs)
        if self.availability:
            self.fields["at"].help_text = f"On the clinic's clock ({self.availability.time_zone})."

    def clean(self):
        cleaned = super().clean()
        on, at = cleaned.get("on"), cleaned.get("at")
        if on and at:
            wall = datetime.datetime.combine(on, at)
            cleaned["starts_at"] = instant_at(wall, self.availability.zone)
            if cleaned["starts_at"] is None:
                raise forms.ValidationError(
                    f"{at:%H:%M} on {day_text(on, year=True)} does not exist at the clinic: "
                    "the clocks go forward then. Choose another time."
                )
        return cleaned

    def apply(self, *, lead, by):
        self.book(self.cleaned_data["starts_at"], by)


class CancelAppointmentForm(LeadActionForm):
    """The "Cancel" button beside a booked consultation: the place is freed, the patient told."""

    success_message = "Cancelled. The place is free again; a patient who had their confirmation is told."

    appointment = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, lead=lead, **kwargs)
        booked = lead.appointments.filter(state=Appointment.State.BOOKED) if lead else None
        self.fields["appointment"].queryset = booked

    def apply(self, *, lead, by):
        appointment_cancel(appointment=self.cleaned_data["appointment"], by=by)


class AppointmentOutcomeForm(LeadActionForm):
    """The "Attended" and "Did not attend" buttons beside a consultation that has started, on the
    lead page and the day view; the other button corrects a mistake."""

    appointment = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    state = forms.ChoiceField(
        choices=[(state.value, state.label) for state in OUTCOMES],
        error_messages={"invalid_choice": "An outcome is attended or did not attend."},
    )

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, lead=lead, **kwargs)
        self.fields["appointment"].queryset = (
            lead.appointments.select_related("availability") if lead else None
        )

    def apply(self, *, lead, by):
        state = Appointment.State(self.cleaned_data["state"])
        appointment = appointment_outcome(appointment=self.cleaned_data["appointment"], state=state, by=by)
        self.success_message = f"Consultation #{appointment.lead_id}: {state.label.lower()}."
