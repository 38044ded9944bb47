"""A background export of the inbox: its progress, then its file, for the person who asked only."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property

from .. import background_exports
from ..models import LeadExport
from .base import LeadAdminView


class LeadExportView(LeadAdminView):
    """Progress of one export, refreshed every few seconds until the file is ready to download."""

    template_name = "frontdesk/export.html"
    page_title = "Lead export"
    header_icon = "download"
    # While the file is being written, the page asks the browser to load it again (no script).
    refresh_seconds = 3

    @cached_property
    def export(self):
        # Someone else's export is "not found": its number tells them nothing.
        export = background_exports.export_of(self.request.user, self.kwargs["pk"])
        if export is None or not self.request.user.has_perm("leads.export_lead"):
            raise Http404("No such export.")
        return export

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "export": self.export}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.export.state in (LeadExport.State.QUEUED, LeadExport.State.RUNNING):
            response["Refresh"] = str(self.refresh_seconds)
        return response


class LeadExportDownloadView(LeadExportView):
    """The file itself: for its requester, once ready, until it expires; each download is audited."""

    def get(self, request, *args, **kwargs):
        export = self.export
        if export.is_expired:
            response = super().get(request, *args, **kwargs)
            response.status_code = 410
            return response
        if export.state != LeadExport.State.READY:
            return redirect("lead_admin:export", export.pk)
        content = background_exports.hand_over(export, by=request.user)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response
