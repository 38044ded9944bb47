"""One lead: what the patient sent, where they came from, the timeline, and the actions on it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property

from leads.models import Lead
from leads.workflow import TransitionError, is_follow_up_overdue

from .. import access_records
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
    # Actions posted from elsewhere on the page (the not-spam button beside the screening note).
    buttons = {"not_spam": NotSpamForm}

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
        return {**self.forms, **self.buttons}[name](data=data, prefix=name, lead=self.lead)

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
            forms={
                name: (bound if bound and bound.prefix == name else self.get_form(name))
                for name in self.forms
                if can_change
            },
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        name = request.POST.get("action")
        if name not in self.forms and name not in self.buttons:
            return redirect("lead_admin:detail", self.lead.pk)
        form = self.get_form(name, data=request.POST)
        if form.is_valid():
            try:
                form.apply(lead=self.lead, by=request.user)
            except TransitionError as error:
                if name in self.buttons:  # a button has no form on the page to show the error in
                    messages.error(request, str(error))
                    return redirect("lead_admin:detail", self.lead.pk)
                form.add_error(None, str(error))
            else:
                messages.success(request, form.success_message)
                return redirect("lead_admin:detail", self.lead.pk)
        return self.render_to_response(self.get_context_data(bound=form), status=400)
