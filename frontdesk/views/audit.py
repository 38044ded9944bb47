"""The admin's read-only view of the lead data audit trail, for admins only."""

import django_filters
from django import forms
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from leads.models import Lead, LeadAccess
from leads.querysets import sees_every_clinic


class LeadAccessFilterSet(WagtailFilterSet):
    """Narrow the trail to one kind of access, a period, or the entries about one lead."""

    kind = django_filters.MultipleChoiceFilter(
        choices=LeadAccess.Kind.choices, widget=forms.CheckboxSelectMultiple, label="What"
    )
    created_at = django_filters.DateFromToRangeFilter(label="When", widget=DateRangePickerWidget)
    lead = django_filters.NumberFilter(label="Lead number", method="filter_lead", min_value=1)

    class Meta:
        model = LeadAccess
        fields = []

    def filter_lead(self, queryset, name, value):
        return queryset.filter(leads__lead_id=int(value))


class LeadIdsColumn(Column):
    """The leads an entry is about by number; an export of the list says how many instead."""

    def get_value(self, instance):
        if instance.lead_ids:
            return ", ".join(f"#{pk}" for pk in instance.lead_ids)
        return f"{instance.lead_count} lead{'s' if instance.lead_count != 1 else ''}"


class LeadAccessReportView(ReportView):
    """Who viewed, exported or emailed lead data, and when; nobody can change or delete an entry."""

    page_title = "Lead data access"
    header_icon = "history"
    index_url_name = "lead_access:report"
    index_results_url_name = "lead_access:report_results"
    permission_policy = ModelPermissionPolicy(LeadAccess)
    any_permission_required = ["view"]
    filterset_class = LeadAccessFilterSet
    columns = [
        DateColumn("created_at", label="When"),
        Column("kind", label="What", accessor="get_kind_display"),
        Column("actor_name", label="By", accessor=lambda entry: entry.actor_name or "The system"),
        LeadIdsColumn("lead_ids", label="Leads"),
        Column("summary", label="Details"),
    ]
    list_export = ["created_at", "get_kind_display", "actor_name", "lead_ids", "lead_count", "summary"]
    export_headings = {"get_kind_display": "What", "actor_name": "By", "lead_ids": "Lead numbers"}
    export_filename = "lead-data-access"
    # "12, 15": Wagtail joins lists only of strings.
    custom_field_preprocess = {
        "lead_ids": dict.fromkeys(
            (ReportView.FORMAT_CSV, ReportView.FORMAT_XLSX), lambda ids: ", ".join(map(str, ids))
        )
    }
    no_results_message = "No access to lead data has been recorded."

    def get_queryset(self):
        entries = LeadAccess.objects.prefetch_related("leads").order_by("-created_at", "-id")
        if sees_every_clinic(self.request.user):
            return entries
        # Lead numbers and who looked at them are still about another clinic's patients.
        hidden = Lead.objects.exclude(pk__in=Lead.objects.visible_to(self.request.user).values("pk"))
        return entries.exclude(leads__lead_id__in=hidden.values("pk"))
