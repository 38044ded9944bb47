"""Practice managers make each clinic's calendar feed address, or a new one that stops the old."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from appointments.feed import new_feed_link
from appointments.models import ConsultationAvailability

MANAGE = "appointments.change_consultationavailability"


class CalendarFeedsView(WagtailAdminTemplateMixin, TemplateView):
    """Each availability's feed: when its address was made and by whom, and a "new link" button.
    Only a hash of the address is kept, so a new address is shown once, in the answer to the post."""

    template_name = "frontdesk/calendar_feeds.html"
    page_title = "Calendar feeds"
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultations:day"), "label": "Consultations"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, new_link=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            availabilities=ConsultationAvailability.objects.select_related(
                "clinic", "calendar_feed__created_by"
            ).order_by("clinic__title"),
            new_link=new_link,
        )
        return context

    def post(self, request, *args, **kwargs):
        availability = get_object_or_404(ConsultationAvailability, pk=request.POST.get("availability") or 0)
        token = new_feed_link(availability=availability, by=request.user)
        address = request.build_absolute_uri(reverse("calendar_feed:feed", args=[token]))
        # The admin's answers are never cached (no-store), so no browser keeps the address.
        return self.render_to_response(self.get_context_data(new_link=(availability.pk, address)))
