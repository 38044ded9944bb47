"""The privacy requests screen: find a person's leads, then export or erase the ones ticked."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect

from leads import privacy

from ..forms import PersonForm
from ..person_search import find_person
from .base import LeadAdminView


class LeadPrivacyView(LeadAdminView):
    """A person's right of access and erasure: find the leads sent with an email or phone, show why
    each matched, then export or (after a confirmation) erase only the ones ticked."""

    template_name = "frontdesk/privacy.html"
    confirm_template_name = "frontdesk/privacy_erase_confirm.html"
    page_title = "Privacy requests"
    header_icon = "lock"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or PersonForm()
        context["can_export"] = self.request.user.has_perm("leads.export_lead")
        context["can_erase"] = self.request.user.has_perm("leads.delete_lead")
        return context

    def post(self, request, *args, **kwargs):
        form = PersonForm(request.POST)
        action = request.POST.get("action", "search")
        if action == "export" and not request.user.has_perm("leads.export_lead"):
            raise PermissionDenied
        if action == "erase" and not request.user.has_perm("leads.delete_lead"):
            raise PermissionDenied
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        person = {"email": form.cleaned_data["email"], "phone": form.cleaned_data["phone"]}
        ticked = form.cleaned_data["leads"]
        try:
            matches = find_person(**person, by=request.user)
            if action == "export":
                return self.export(person, ticked)
            if action == "erase" and request.POST.get("confirmed") == "yes":
                count = privacy.erase_person(**person, lead_ids=ticked, by=request.user)
                messages.success(
                    request, f"Erased the personal data of {count} request{'s' if count != 1 else ''}."
                )
                return redirect("lead_admin:privacy")
            if action == "erase":
                # Nothing changes until staff have seen exactly what will go and confirmed it.
                chosen = {
                    lead.pk for lead in privacy.selected_leads(**person, lead_ids=ticked, by=request.user)
                }
                self.template_name = self.confirm_template_name
                selected = [match for match in matches if match.lead.pk in chosen]
                return self.render_to_response(self.get_context_data(form=form, selected=selected))
        except privacy.PersonQueryError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        except privacy.SelectionError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form, matches=matches), status=400)
        return self.render_to_response(self.get_context_data(form=form, matches=matches, searched=True))

    def export(self, person, ticked):
        data = privacy.export_person(**person, lead_ids=ticked, by=self.request.user)
        response = HttpResponse(data, content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        return response
