"""One lead: what the patient sent, where they came from, the timeline, and the actions on it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property

from appointments.booking import SlotUnavailable
from appointments.models import Appointment, ConsultationAvailability
from appointments.slots import local_text
from leads.models import Lead
from leads.workflow import TransitionError, is_follow_up_overdue

from .. import access_records
from ..appointment_forms import (
    AnotherTimeForm,
    AppointmentOutcomeForm,
    CancelAppointmentForm,
    ConfirmProposedForm,
)
from ..forms import AssignForm, ContactDetailsForm, FollowUpForm, NoteForm, NotSpamForm, StatusForm
from .base import LeadAdminView


class LeadDetailView(LeadAdminView):
    """One lead: what the patient sent, where they came from, the timeline, and the actions."""

    template_name = "frontdesk/detail.html"
    # The forms of the "Work this lead" panel, by the action name each posts.
    forms = {
        "status": StatusForm,
        "assign": AssignForm,
        "follow_up": FollowUpForm,
        "note": NoteForm,
        "contact": ContactDetailsForm,
    }
    # The appointment block's form, shown with its errors there.
    appointment_forms = {"another_time": AnotherTimeForm}
    # Actions posted from elsewhere on the page: the not-spam button beside the screening note,
    # "Confirm this time" beside each proposed time, "Cancel" beside a booked consultation,
    # "Attended" / "Did not attend" beside one that has started.
    buttons = {
        "not_spam": NotSpamForm,
        "confirm_slot": ConfirmProposedForm,
        "cancel_appointment": CancelAppointmentForm,
        "outcome": AppointmentOutcomeForm,
    }

    @cached_property
    def lead(self):
        # Another clinic's lead is "not found": its number tells a front desk nothing.
        leads = Lead.objects.visible_to(self.request.user).select_related(
            "assignee", "treatment", "consent_recorded_by"
        )
        return get_object_or_404(leads, pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.lead.full_name

    def get_form(self, name, data=None):
        return self.actions[name](data=data, prefix=name, lead=self.lead)

    @property
    def actions(self):
        return {**self.forms, **self.appointment_forms, **self.buttons}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        access_records.record_lead_viewed(lead=self.lead, by=request.user)
        return response

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = self.user_has_permission("change")
        context.update(
            lead=self.lead,
            can_change=can_change,
            overdue=is_follow_up_overdue(self.lead),
            events=self.lead.events.select_related("actor", "assignee"),
            forms=self.forms_shown(self.forms, bound, can_change),
            appointment_forms=self.forms_shown(self.appointment_forms, bound, can_change),
            **self.appointment_context(),
        )
        return context

    def forms_shown(self, forms, bound, can_change):
        return {
            name: (bound if bound and bound.prefix == name else self.get_form(name))
            for name in forms
            if can_change
        }

    def appointment_context(self):
        """The lead's consultations and the times the patient proposed, on the clinic's clock."""
        availability = ConsultationAvailability.for_clinic(self.lead.clinic)
        appointments = self.lead.appointments.select_related("availability")
        now = timezone.now()
        for appointment in appointments:
            appointment.when = local_text(appointment.starts_at, appointment.availability.zone)
            appointment.started = appointment.starts_at <= now
        proposed = list(self.lead.proposed_slots.all())
        for slot in proposed:
            slot.when = local_text(slot.starts_at, availability.zone) if availability else ""
        return {
            "appointments": appointments,
            "proposed_slots": proposed,
            "has_booking": any(appointment.state == Appointment.State.BOOKED for appointment in appointments),
            "availability": availability,
        }

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        name = request.POST.get("action")
        if name not in self.actions:
            return redirect("lead_admin:detail", self.lead.pk)
        form = self.get_form(name, data=request.POST)
        if form.is_valid():
            try:
                form.apply(lead=self.lead, by=request.user)
            except TransitionError as error:
                form.add_error(None, str(error))
            except SlotUnavailable as error:  # a time just taken: named, and the lead is as it was
                form.add_error(None, error)
            else:
                messages.success(request, form.success_message)
                return redirect("lead_admin:detail", self.lead.pk)
        if name in self.buttons:  # a button has no form on the page to show the error in
            for error in form.errors.values():
                messages.error(request, " ".join(error))
            return redirect("lead_admin:detail", self.lead.pk)
        return self.render_to_response(self.get_context_data(bound=form), status=400)
