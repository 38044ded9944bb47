"""Bulk actions on the leads selected in the inbox, through Wagtail's own bulk-action framework.

Each lead still goes through the workflow functions one by one, so every change gets its timeline
entry and the pipeline rules hold; leads a rule refuses are skipped and counted.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404
from django.utils.functional import cached_property
from wagtail.admin.views.bulk_action import BulkAction

from leads.models import Lead
from leads.workflow import TransitionError, lead_assign, lead_change_status, lead_mark_not_spam

from . import access_records
from .filters import inbox_leads
from .forms import AssignForm, StatusForm


class LeadBulkAction(BulkAction):
    """Base of the lead bulk actions: only for staff who may change leads."""

    models = [Lead]
    template_name = "frontdesk/bulk_confirm.html"
    # Shown on the confirmation page; the action still applies to every selected lead.
    preview_limit = 50

    def dispatch(self, request, *args, **kwargs):
        # The bulk-action URL is shared by every model, so the lead permission is checked here:
        # without it, even the confirmation page would list lead names.
        if not request.user.has_perm("leads.change_lead"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means all leads of the filtered, searched listing the user was looking at.
        return inbox_leads(self.request.GET, user=self.request.user).values_list("pk", flat=True)

    def get_queryset(self, model, object_ids):
        # Only leads the user sees: another clinic's lead id in the URL is "not found", as by id.
        leads = Lead.objects.visible_to(self.request.user).filter(pk__in=list(object_ids))
        return get_list_or_404(leads.select_related("assignee"))

    def check_perm(self, obj):
        return self.request.user.has_perm("leads.change_lead")

    @cached_property
    def _actionable(self):
        return super().get_actionable_objects()

    def get_actionable_objects(self):
        return self._actionable

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["count"] = len(context["items"])
        context["items"] = context["items"][: self.preview_limit]
        context["action"] = self
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The confirmation page names the leads: audited like a page of the inbox.
        context = response.context_data
        access_records.record_listed(
            by=request.user,
            leads=[entry["item"] for entry in context["items"]],
            count=context["count"],
            filters=f"Bulk action to confirm: {self.display_name}",
        )
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:  # done (a before or after hook may answer instead)
            access_records.record_bulk_action(
                by=self.request.user, action=self.display_name, leads=self.actionable_objects
            )
        return response

    def get_execution_context(self):
        return {"user": self.request.user, **(self.cleaned_form.cleaned_data if self.cleaned_form else {})}

    @classmethod
    def apply(cls, lead, user, **data):
        raise NotImplementedError

    @classmethod
    def execute_action(cls, objects, user=None, **data):
        done = 0
        for lead in objects:
            try:
                cls.apply(lead, user, **data)
            except TransitionError:
                continue
            done += 1
        return done, len(objects) - done

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = f"{self.past_tense} {num_parent_objects} lead{'s' if num_parent_objects != 1 else ''}."
        if num_child_objects:
            message += f" {num_child_objects} skipped: their status does not allow it."
        return message


class BulkStatusForm(StatusForm):
    """Any status, checked lead by lead against the pipeline when applied."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, statuses=list(Lead.Status), **kwargs)


class ChangeStatusBulkAction(LeadBulkAction):
    """Move the selected leads to one status."""

    display_name = "Change status"
    action_type = "change_status"
    aria_label = "Change the status of the selected leads"
    action_priority = 10
    form_class = BulkStatusForm
    past_tense = "Changed the status of"

    @classmethod
    def apply(cls, lead, user, to=None, reason="", **data):
        lead_change_status(lead=lead, to=to, by=user, reason=reason)


class AssignBulkAction(LeadBulkAction):
    """Assign the selected leads to one staff member."""

    display_name = "Assign"
    action_type = "assign"
    aria_label = "Assign the selected leads"
    action_priority = 20
    form_class = AssignForm
    past_tense = "Assigned"

    @classmethod
    def apply(cls, lead, user, assignee=None, **data):
        lead_assign(lead=lead, to=assignee, by=user)


class MarkSpamBulkAction(LeadBulkAction):
    """Mark the selected leads as spam."""

    display_name = "Mark as spam"
    action_type = "mark_spam"
    aria_label = "Mark the selected leads as spam"
    action_priority = 30
    classes = {"serious"}
    form_class = forms.Form
    past_tense = "Marked as spam"

    @classmethod
    def apply(cls, lead, user, **data):
        lead_change_status(lead=lead, to=Lead.Status.SPAM, by=user)


class MarkNotSpamBulkAction(LeadBulkAction):
    """Move the selected spam leads back to new; the practice is notified of each, as of a new lead."""

    display_name = "Not spam"
    action_type = "mark_not_spam"
    aria_label = "Mark the selected spam leads as not spam"
    action_priority = 40
    form_class = forms.Form
    past_tense = "Marked as not spam"

    @classmethod
    def apply(cls, lead, user, **data):
        lead_mark_not_spam(lead=lead, by=user)
