"""Turn a publish refused by the advertising rules into an explanation in the admin."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.models import Page

from .notices import report_findings
from .services import PublishingBlocked


class PublishingBlockedMiddleware:
    """A workflow approval or bulk publish that hits a blocking rule lands on the page's editor.

    Wagtail runs a workflow action in one transaction, so the approval is undone with the publish
    and the page stays in moderation for someone to reword it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishingBlocked) or not isinstance(exception.instance, Page):
            return None
        messages.error(request, f"“{exception.instance}” was not published: change the wording below.")
        report_findings(request, exception.findings)
        url = reverse("wagtailadmin_pages:edit", args=[exception.instance.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's modal workflow follows a redirect given in its own JSON format.
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": url}
            )
        return redirect(url)
