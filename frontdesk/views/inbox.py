"""The lead inbox: newest first, filtered and searched in SQL, exported with the export permission."""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets import HeaderButton

from leads.attribution import source_of
from leads.models import Lead

from .. import access_records
from ..columns import FollowUpColumn, StatusColumn, assignee_name
from ..exports import LeadExportMixin
from ..filters import search_filter
from ..pagination import EstimatedCountPaginator


class LeadIndexView(LeadExportMixin, IndexView):
    """The inbox: newest first, filtered and searched in SQL, exported only with the export permission."""

    any_permission_required = ["view", "change"]
    paginator_class = EstimatedCountPaginator

    def get_base_queryset(self):
        return Lead.objects.visible_to(self.request.user).select_related("assignee")

    def search_queryset(self, queryset):
        return queryset.filter(search_filter(self.search_query)) if self.is_searching else queryset

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="lead"),
            TitleColumn(
                "full_name",
                label="Name",
                sort_key="last_name",
                get_url=lambda lead: reverse("lead_admin:detail", args=[lead.pk]),
                get_title_id=lambda lead: f"lead_{lead.pk}_title",
            ),
            Column("treatment_title", label="Treatment"),
            Column("source", label="Source", accessor=source_of),
            Column("language", label="Language", accessor="get_language_display"),
            StatusColumn("status", label="Status", sort_key="status", accessor="get_status_display"),
            Column("assignee", label="Assigned to", accessor=assignee_name),
            DateColumn("created_at", label="Received", sort_key="created_at"),
            FollowUpColumn("follow_up_on", label="Next follow-up", sort_key="follow_up_on"),
        ]

    def get_list_more_buttons(self, instance):
        return []

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton("Report", url=reverse("lead_admin:report"), icon_name="table"),
            HeaderButton("Privacy requests", url=reverse("lead_admin:privacy"), icon_name="lock"),
        ]
        if self.user_has_permission("change"):
            buttons.insert(
                0, HeaderButton("Record a call or visit", url=reverse("lead_admin:record"), icon_name="plus")
            )
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = timezone.localdate()
        return context

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.export(request)
        response = super().get(request, *args, **kwargs)
        self.record_listing(response.context_data)
        return response

    def record_listing(self, context):
        """Audit what this page of the inbox showed: its leads and how many matched, never the search words."""
        paginator = context.get("paginator")
        shown = list(context["object_list"])
        access_records.record_listed(
            by=self.request.user,
            leads=shown,
            count=paginator.count if paginator else len(shown),
            filters=access_records.describe_filters(
                self.filters.form if self.filters else None, self.search_query
            ),
        )
