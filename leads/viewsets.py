"""The front desk's screens in the Wagtail admin: the lead inbox, one lead, the report, privacy requests."""

import re

import django_filters
import phonenumbers
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.coreutils import multigetattr

from treatments.models import TreatmentPage

from . import audit, privacy
from .admin_forms import AssignForm, FollowUpForm, NoteForm, PersonForm, StatusForm
from .attribution import source_of
from .models import Lead
from .reports import build_report
from .workflow import (
    OPEN_STATUSES,
    TransitionError,
    assignable_staff,
    is_follow_up_overdue,
    lead_add_note,
    lead_assign,
    lead_change_status,
    lead_mark_not_spam,
    lead_set_follow_up,
)

# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP "CSV
# injection"); tab and carriage return are included because Excel strips them before deciding.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix a quote to text a spreadsheet would run as a formula, so it is shown as typed."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_text(value):
    """Drop the control characters an XLSX file cannot hold (openpyxl refuses them outright)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def search_filter(query):
    """Leads whose name, email or phone match every word of `query`, or whose phone is `query`.

    Plain ORM lookups rather than Wagtail's search backend: the backend would copy every name,
    email and phone into its own index table (a second copy of personal data to erase and purge)
    and reindex on each status change. On PostgreSQL, trigram indexes (migration 0004) make these
    `icontains` lookups index scans, so they stay fast at 100,000 leads.
    """
    query = query.strip()[:100]
    words = query.split()[:5]
    match = Q()
    for word in words:
        match &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__contains=word)
        )
    if re.fullmatch(r"[\d\s()+.-]{6,}", query):
        try:
            number = phonenumbers.parse(query, settings.PHONENUMBER_DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            pass
        else:
            match |= Q(phone=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return match


FILTER_CHOICES_CACHE_KEY = "leads:attribution-values"


def attribution_values():
    """The sources and campaigns leads came from, for the filter choices.

    DISTINCT over 100,000 leads takes tens of milliseconds, so the filter caches the answer for ten
    minutes: a brand-new campaign shows up in the filter a little later, never in the results late.
    """
    distinct = Lead.objects.order_by()  # no default ordering, which would defeat DISTINCT
    sources = distinct.exclude(source="").values_list("source", flat=True).distinct()
    campaigns = distinct.exclude(utm_campaign="").values_list("utm_campaign", flat=True).distinct()
    return sorted(sources), sorted(campaigns)


def staff_label(user):
    """A staff member by name; the active-filter pill passes the "null" choice as a plain string."""
    if isinstance(user, str):
        return "Nobody"
    return user.get_full_name() or user.get_username()


class LeadFilterSet(WagtailFilterSet):
    """Narrow the inbox by status, treatment, channel, source, campaign, assignee, date and overdue follow-up."""

    status = django_filters.MultipleChoiceFilter(
        choices=Lead.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_status",
        label="Status",
        help_text="None ticked: every status but spam.",
    )
    treatment = django_filters.ModelChoiceFilter(
        queryset=TreatmentPage.objects.order_by("title"), label="Treatment", null_label="Not sure yet"
    )
    channel = django_filters.ChoiceFilter(choices=Lead.Channel.choices, label="Channel", empty_label="All")
    source = django_filters.ChoiceFilter(label="Source", empty_label="All")
    utm_campaign = django_filters.ChoiceFilter(label="Campaign", empty_label="All")
    assignee = django_filters.ModelChoiceFilter(queryset=None, label="Assigned to", null_label="Nobody")
    created_at = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)
    overdue = django_filters.BooleanFilter(label="Follow-up overdue", method="filter_overdue")

    class Meta:
        model = Lead
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["assignee"].queryset = assignable_staff()
        self.filters["assignee"].field.label_from_instance = staff_label
        sources, campaigns = cache.get_or_set(FILTER_CHOICES_CACHE_KEY, attribution_values, timeout=600)
        self.filters["source"].extra["choices"] = [(name, name) for name in sources]
        self.filters["utm_campaign"].extra["choices"] = [(name, name) for name in campaigns]

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=value) if value else queryset.exclude(status=Lead.Status.SPAM)

    def filter_overdue(self, queryset, name, value):
        overdue = Q(follow_up_on__lt=timezone.localdate(), status__in=OPEN_STATUSES)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_queryset(self, queryset):
        # The status filter also applies when left empty (to hide spam), which django-filter skips.
        if not self.form.cleaned_data.get("status"):
            queryset = self.filter_status(queryset, "status", [])
        return super().filter_queryset(queryset)


class StatusColumn(Column):
    """The status as one of the admin's status tags."""

    cell_template_name = "leads/admin/status_cell.html"


class FollowUpColumn(Column):
    """The next follow-up date, flagged when overdue."""

    cell_template_name = "leads/admin/follow_up_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = is_follow_up_overdue(instance, parent_context.get("today"))
        return context


def assignee_name(lead):
    """The staff member working the lead, by name."""
    user = lead.assignee
    return (user.get_full_name() or user.get_username()) if user else ""


assignee_name.short_description = "Assigned to"


class LeadIndexView(IndexView):
    """The inbox: newest first, filtered and searched in SQL, exported only with the export permission."""

    any_permission_required = ["view", "change"]
    export_headings = {
        "get_status_display": "Status",
        "get_channel_display": "Channel",
        "source": "Source",
        "assignee_name": "Assigned to",
        "treatment_title": "Treatment",
        "marketing_consent": "Agreed to marketing",
    }

    def get_base_queryset(self):
        return Lead.objects.select_related("assignee")

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
            StatusColumn("status", label="Status", sort_key="status", accessor="get_status_display"),
            Column("assignee", label="Assigned to", accessor=assignee_name),
            DateColumn("created_at", label="Received", sort_key="created_at"),
            FollowUpColumn("follow_up_on", label="Next follow-up", sort_key="follow_up_on"),
        ]

    def get_list_more_buttons(self, instance):
        return []

    @cached_property
    def can_export(self):
        return self.request.user.has_perm("leads.export_lead")

    @cached_property
    def show_export_buttons(self):
        return self.can_export

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton("Report", url=reverse("lead_admin:report"), icon_name="table"),
            HeaderButton("Privacy requests", url=reverse("lead_admin:privacy"), icon_name="lock"),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = timezone.localdate()
        return context

    def get(self, request, *args, **kwargs):
        # An export skips the listing's context (table, pagination, counts), which would load
        # every matching lead once more before the rows are written.
        if self.is_export:
            if not self.can_export:
                raise PermissionDenied
            queryset = self.get_export_queryset()
            audit.record_list_exported(
                by=request.user,
                export_format=request.GET["export"],
                count=queryset.count(),
                filters=audit.describe_filters(
                    self.filters.form if self.filters else None, self.search_query
                ),
            )
            return self.as_spreadsheet(queryset, request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_export_queryset(self):
        # Only the exported columns, and the phone as plain text: parsing 100,000 phone numbers
        # back into PhoneNumber objects would cost more than writing the file.
        return (
            self.get_queryset()
            .only(*EXPORT_COLUMNS, "assignee__first_name", "assignee__last_name", "assignee__username")
            .defer("phone")
            .annotate(phone_text=Cast("phone", CharField()))
        )

    # Export: stream rows from a server-side cursor instead of loading 100,000 leads at once, and
    # never let a patient's text become a formula in the front desk's spreadsheet.

    # Columns computed in Python rather than read from the lead.
    computed_export_fields = {
        "assignee_name": assignee_name,
        "phone": lambda lead: lead.phone_text,
        "marketing_consent": lambda lead: "yes" if lead.marketing_consent else "no",
    }

    def to_row_dict(self, item):
        return {
            field: self.computed_export_fields[field](item)
            if field in self.computed_export_fields
            else multigetattr(item, field)
            for field in self.list_export
        }

    def preprocess_field_value(self, field, value, export_format):
        # Text and numbers need none of the generic conversions: skipping them halves export time.
        if not isinstance(value, str | int | None):
            value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        # XLSX keeps the text as typed: generate_xlsx_row stores it as a string cell, never a formula.
        return xlsx_text(value)

    def stream_csv(self, queryset):
        return super().stream_csv(queryset.iterator(chunk_size=2000))

    def write_xlsx(self, queryset, output):
        return super().write_xlsx(queryset.iterator(chunk_size=2000), output)

    def get_heading(self, queryset, field):
        if field in self.export_headings:
            return self.export_headings[field]
        return super().get_heading(Lead.objects.none(), field)


# Lead fields the export reads.
EXPORT_COLUMNS = [
    "id",
    "created_at",
    "first_name",
    "last_name",
    "email",
    "treatment_title",
    "channel",
    "source",
    "utm_campaign",
    "status",
    "assignee",
    "follow_up_on",
    "first_contacted_at",
    "marketing_consent",
    "message",
]


class LeadAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Base of the lead views outside the listing: the admin's look and the lead permissions."""

    model = Lead
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lead_admin:index"), "label": "Leads"},
            {"url": "", "label": self.get_page_title()},
        ]


class LeadDetailView(LeadAdminView):
    """One lead: what the patient sent, where they came from, the timeline, and the actions."""

    any_permission_required = ["view", "change"]
    template_name = "leads/admin/detail.html"
    forms = {"status": StatusForm, "assign": AssignForm, "follow_up": FollowUpForm, "note": NoteForm}

    @cached_property
    def lead(self):
        return get_object_or_404(Lead.objects.select_related("assignee", "treatment"), pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.lead.full_name

    def get_form(self, name, data=None):
        kwargs = {"prefix": name, "data": data}
        if name == "status":
            kwargs["lead"] = self.lead
        elif name == "assign":
            kwargs["initial"] = {"assignee": self.lead.assignee_id}
        elif name == "follow_up":
            kwargs["initial"] = {"follow_up_on": self.lead.follow_up_on}
        return self.forms[name](**kwargs)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.record_lead_viewed(lead=self.lead, by=request.user)
        return response

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = self.user_has_permission("change")
        context.update(
            lead=self.lead,
            can_change=can_change,
            overdue=is_follow_up_overdue(self.lead),
            events=self.lead.events.select_related("actor", "assignee"),
            forms={
                name: (bound if bound and bound.prefix == name else self.get_form(name))
                for name in self.forms
                if can_change
            },
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        name = request.POST.get("action")
        if name == "not_spam":
            return self.mark_not_spam(request)
        if name not in self.forms:
            return redirect("lead_admin:detail", self.lead.pk)
        form = self.get_form(name, data=request.POST)
        if form.is_valid():
            data, user, lead = form.cleaned_data, request.user, self.lead
            try:
                if name == "status":
                    lead_change_status(lead=lead, to=data["to"], by=user, reason=data["reason"])
                elif name == "assign":
                    lead_assign(lead=lead, to=data["assignee"], by=user)
                elif name == "follow_up":
                    lead_set_follow_up(lead=lead, on=data["follow_up_on"], by=user)
                else:
                    lead_add_note(lead=lead, text=data["text"], by=user)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Saved.")
                return redirect("lead_admin:detail", lead.pk)
        return self.render_to_response(self.get_context_data(bound=form), status=400)

    def mark_not_spam(self, request):
        try:
            lead_mark_not_spam(lead=self.lead, by=request.user)
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, "Marked as not spam: the lead is new and the practice is being notified."
            )
        return redirect("lead_admin:detail", self.lead.pk)


class LeadReportView(LeadAdminView):
    """Leads per week by source, channel and treatment, the pipeline and the first-response time."""

    any_permission_required = ["view", "change"]
    template_name = "leads/admin/report.html"
    page_title = "Lead report"
    header_icon = "table"
    periods = (4, 12, 26, 52)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            weeks = int(self.request.GET.get("weeks", 12))
        except ValueError:
            weeks = 12
        weeks = weeks if weeks in self.periods else 12
        report = build_report(weeks=weeks)
        context.update(
            report=report,
            weeks=weeks,
            periods=self.periods,
            source_chart=report.chart(report.by_source),
            channel_chart=report.chart(report.by_channel),
            treatment_chart=report.chart(report.by_treatment),
        )
        return context


class LeadPrivacyView(LeadAdminView):
    """A person's right of access and erasure: find the leads sent with an email or phone, show why
    each matched, then export or (after a confirmation) erase only the ones ticked."""

    any_permission_required = ["view", "change"]
    template_name = "leads/admin/privacy.html"
    confirm_template_name = "leads/admin/privacy_erase_confirm.html"
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
            matches = privacy.find_person(**person)
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
                chosen = {lead.pk for lead in privacy.selected_leads(**person, lead_ids=ticked)}
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


class LeadsMenuItem(MenuItem):
    """The Leads menu item, shown to staff who work leads, with the count of new ones in its label."""

    def is_shown(self, request):
        return request.user.has_perm("leads.view_lead") or request.user.has_perm("leads.change_lead")

    def render_component(self, request):
        # A request that needs review is waiting for an answer too.
        new = Lead.objects.filter(status__in=[Lead.Status.NEW, Lead.Status.NEEDS_REVIEW]).count()
        label = f"{self.label} ({new} new)" if new else self.label
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


class LeadViewSet(ModelViewSet):
    """Leads in the admin: inbox, detail, report and privacy requests; leads are never added or deleted here."""

    model = Lead
    icon = "mail"
    menu_label = "Leads"
    menu_name = "leads"
    menu_order = 150
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = LeadIndexView
    index_template_name = "leads/admin/index.html"
    list_per_page = 50
    ordering = ["-created_at", "-id"]
    filterset_class = LeadFilterSet
    search_fields = ["first_name", "last_name", "email", "phone"]
    search_backend_name = None
    list_export = [
        "id",
        "created_at",
        "first_name",
        "last_name",
        "email",
        "phone",
        "treatment_title",
        "get_channel_display",
        "source",
        "utm_campaign",
        "get_status_display",
        "assignee_name",
        "follow_up_on",
        "first_contacted_at",
        "marketing_consent",
        "message",
    ]
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
            path("report/", LeadReportView.as_view(), name="report"),
            path("privacy/", LeadPrivacyView.as_view(), name="privacy"),
        ]


lead_viewset = LeadViewSet("lead_admin", url_prefix="leads")
