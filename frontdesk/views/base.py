"""What every lead screen outside the inbox shares: the admin's look and the lead permissions."""

from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from leads.models import Lead


class LeadAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Base of the lead views outside the listing: the admin's look and the lead permissions."""

    model = Lead
    header_icon = "mail"
    any_permission_required = ["view", "change"]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lead_admin:index"), "label": "Leads"},
            {"url": "", "label": self.get_page_title()},
        ]
