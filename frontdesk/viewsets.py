"""The front desk's screens in the Wagtail admin as one viewset: inbox, lead, report, privacy requests."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from leads.models import Lead

from .dashboard import desk_counts
from .filters import LeadFilterSet
from .spreadsheets import EXPORT_FIELDS
from .views.detail import LeadDetailView
from .views.exports import LeadExportDownloadView, LeadExportView
from .views.inbox import LeadIndexView
from .views.privacy import LeadPrivacyView
from .views.record import LeadRecordView
from .views.report import LeadReportView


def can_work_leads(user):
    """Front desk and admins; editors never see lead data."""
    return user.has_perm("leads.view_lead") or user.has_perm("leads.change_lead")


class LeadsMenuItem(MenuItem):
    """The Leads menu item, shown to staff who work leads, with the count of new ones in its label."""

    def is_shown(self, request):
        return can_work_leads(request.user)

    def render_component(self, request):
        # A request that needs review is waiting for an answer too.
        new = desk_counts(request.user, overdue=False).waiting
        label = f"{self.label} ({new} new)" if new else self.label
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


class LeadViewSet(ModelViewSet):
    """Leads in the admin: inbox, detail, report and privacy requests; leads arrive by the form or are
    recorded by the front desk (views.record), never added through the generic views, nor deleted."""

    model = Lead
    icon = "mail"
    menu_label = "Leads"
    menu_name = "leads"
    menu_order = 150
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = LeadIndexView
    index_template_name = "frontdesk/index.html"
    index_results_template_name = "frontdesk/index_results.html"
    list_per_page = 50
    ordering = ["-created_at", "-id"]
    filterset_class = LeadFilterSet
    search_fields = ["first_name", "last_name", "email", "phone"]
    search_backend_name = None
    list_export = EXPORT_FIELDS
    export_filename = "leads"
    menu_item_class = LeadsMenuItem

    def get_common_view_kwargs(self, **kwargs):
        # Leads arrive through the consultation form and are erased, never deleted, so the generic
        # add, edit, copy, delete, history and usage views do not exist here.
        return {
            **super().get_common_view_kwargs(**kwargs),
            "add_url_name": None,
            "edit_url_name": None,
            "delete_url_name": None,
            "history_url_name": None,
            "usage_url_name": None,
        }

    @property
    def url_finder_class(self):
        return type(
            "LeadURLFinder", (super().url_finder_class,), {"edit_url_name": self.get_url_name("detail")}
        )

    def get_permissions_to_register(self):
        # Unlike the default, include "view": the Front desk group's access rests on it.
        return Permission.objects.filter(content_type=ContentType.objects.get_for_model(Lead))

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", LeadDetailView.as_view(), name="detail"),
            path("record/", LeadRecordView.as_view(), name="record"),
            path("report/", LeadReportView.as_view(), name="report"),
            path("privacy/", LeadPrivacyView.as_view(), name="privacy"),
            path("exports/<int:pk>/", LeadExportView.as_view(), name="export"),
            path("exports/<int:pk>/download/", LeadExportDownloadView.as_view(), name="export_download"),
        ]


lead_viewset = LeadViewSet("lead_admin", url_prefix="leads")
