"""Recording a request taken on the phone or at the desk, with the patient's spoken consent."""

from django.contrib import messages
from django.shortcuts import redirect

from leads.services import lead_record_by_hand

from ..forms import RecordLeadForm
from .base import LeadAdminView


class LeadRecordView(LeadAdminView):
    """The front desk's form for a phone call or walk-in: whoever may work leads may record one."""

    template_name = "frontdesk/record.html"
    page_title = "Record a call or visit"
    header_icon = "mail"
    any_permission_required = ["change"]

    def get_context_data(self, form=None, **kwargs):
        return {**super().get_context_data(**kwargs), "form": form or RecordLeadForm(user=self.request.user)}

    def post(self, request, *args, **kwargs):
        form = RecordLeadForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        lead = lead_record_by_hand(
            fields=form.lead_fields(), channel=form.cleaned_data["channel"], by=request.user
        )
        messages.success(request, f"Recorded the request of {lead.full_name}.")
        return redirect("lead_admin:detail", lead.pk)
