"""Plug the front desk's screens into the Wagtail admin: menu, dashboard panel, bulk actions, report."""

from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from analytics.conversion import top_pages
from leads.models import Lead

from .bulk_actions import (
    AssignBulkAction,
    ChangeStatusBulkAction,
    MarkNotSpamBulkAction,
    MarkSpamBulkAction,
)
from .dashboard import desk_counts
from .views.audit import LeadAccessReportView
from .views.calendar_feeds import CalendarFeedsView
from .views.conversion import ConversionReportView
from .views.day import ConsultationDayView
from .viewsets import can_work_leads, lead_viewset


@hooks.register("register_admin_viewset")
def register_lead_viewset():
    return lead_viewset


for action in (ChangeStatusBulkAction, AssignBulkAction, MarkSpamBulkAction, MarkNotSpamBulkAction):
    hooks.register("register_bulk_action", action)


class LeadsPanel(Component):
    """The dashboard's summary for the front desk: new leads, today's count, overdue follow-ups."""

    name = "leads"
    order = 50
    template_name = "frontdesk/dashboard_panel.html"

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        counts = desk_counts(parent_context["request"].user)
        index = reverse("lead_admin:index")
        return {
            "new": counts.new,
            "needs_review": counts.needs_review,
            "today": counts.today,
            "overdue": counts.overdue,
            "index_url": index,
            "new_url": f"{index}?status={Lead.Status.NEW}",
            "needs_review_url": f"{index}?status={Lead.Status.NEEDS_REVIEW}",
            "today_url": f"{index}?created_at_from={today.isoformat()}",
            "overdue_url": f"{index}?overdue=true",
        }


@hooks.register("construct_homepage_panels")
def add_leads_panel(request, panels):
    if can_work_leads(request.user):
        panels.append(LeadsPanel())


class ConversionPanel(Component):
    """The dashboard's "which pages bring requests" for the front desk: this month's top pages by
    requests and by conversion rate."""

    name = "conversion"
    order = 60
    template_name = "frontdesk/conversion_panel.html"

    def get_context_data(self, parent_context):
        by_requests, by_rate = top_pages()
        return {
            "by_requests": by_requests,
            "by_rate": by_rate,
            "report_url": reverse("conversion_report:report"),
        }


@hooks.register("construct_homepage_panels")
def add_conversion_panel(request, panels):
    if can_work_leads(request.user):
        panels.append(ConversionPanel())


class LeadWorkMenuItem(MenuItem):
    """A menu item for staff who work leads: the lead reports, and the day's consultations."""

    def is_shown(self, request):
        return can_work_leads(request.user)


@hooks.register("register_reports_menu_item")
def register_lead_report_menu_item():
    return LeadWorkMenuItem(
        "Leads", reverse("lead_admin:report"), name="lead-report", icon_name="mail", order=50
    )


@hooks.register("register_admin_urls")
def register_conversion_report_urls():
    urls = [
        path("", ConversionReportView.as_view(), name="report"),
        path("results/", ConversionReportView.as_view(results_only=True), name="report_results"),
    ]
    return [path("reports/conversion/", include((urls, "conversion_report")))]


@hooks.register("register_reports_menu_item")
def register_conversion_report_menu_item():
    return LeadWorkMenuItem(
        "Conversion", reverse("conversion_report:report"), name="conversion", icon_name="crosshairs", order=60
    )


@hooks.register("register_admin_urls")
def register_consultation_urls():
    urls = [
        path("", ConsultationDayView.as_view(), name="day"),
        path("calendar-feeds/", CalendarFeedsView.as_view(), name="feeds"),
    ]
    return [path("consultations/", include((urls, "consultations")))]


@hooks.register("register_admin_menu_item")
def register_consultations_menu_item():
    # Beside Leads: the day's consultations are the front desk's other list.
    return LeadWorkMenuItem(
        "Consultations", reverse("consultations:day"), name="consultations", icon_name="date", order=151
    )


@hooks.register("insert_global_admin_css")
def lead_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("frontdesk/admin.css"))


class LeadAccessMenuItem(MenuItem):
    """Shown to admins only: superusers, or a group given "Can view lead data access"."""

    def is_shown(self, request):
        return request.user.has_perm("leads.view_leadaccess")


@hooks.register("register_admin_urls")
def register_lead_access_urls():
    urls = [
        path("", LeadAccessReportView.as_view(), name="report"),
        path("results/", LeadAccessReportView.as_view(results_only=True), name="report_results"),
    ]
    return [path("reports/lead-access/", include((urls, "lead_access")))]


@hooks.register("register_reports_menu_item")
def register_lead_access_menu_item():
    return LeadAccessMenuItem(
        "Lead data access",
        reverse("lead_access:report"),
        name="lead-data-access",
        icon_name="history",
        order=1300,
    )


@hooks.register("register_permissions")
def register_lead_access_permission():
    return Permission.objects.filter(content_type__app_label="leads", codename="view_leadaccess")
