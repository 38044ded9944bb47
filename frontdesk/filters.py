"""Finding leads in the inbox: the filters, the search, and the listing a bulk "select all" means."""

import re

import django_filters
import phonenumbers
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Lookup, Q
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from leads.audit import staff_name
from leads.languages import language_choices
from leads.models import Lead
from leads.querysets import same_person
from leads.workflow import OPEN_STATUSES, assignable_staff
from treatments.models import TreatmentPage

FILTER_CHOICES_CACHE_KEY = "leads:attribution-values"


# A search with at most this many matches is listed by their ids (search_filter).
LISTED_BY_ID_UP_TO = 2_000


def search_match(query):
    """Leads whose name, email or phone match every word of `query`, or that the phone number
    `query` names belongs to (`same_person`, the rule repeats and privacy requests use).

    Plain ORM lookups rather than Wagtail's search backend: the backend would copy every name,
    email and phone into its own index table (a second copy of personal data to erase and purge)
    and reindex on each status change. On PostgreSQL, trigram indexes (migration 0005) make these
    `icontains` lookups index scans.
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
            match |= same_person(
                phone=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            )
    return match


def search_filter(query):
    """The inbox's search (`search_match`), as a filter whose plan does not rest on a guess.

    Asked for the newest page of matches, PostgreSQL guesses how many leads match from each word's
    share, as if words and fields were unrelated (an email holds the name). At a million leads,
    after 7 of 12 runs of ANALYZE, it expected 2,100 matches of "james smith" where 100 exist,
    walked the newest-first index hoping to meet fifty soon and read half a million leads (4.7 s),
    and after the other five used the trigram indexes. So the matches are found first, in no order,
    which the trigram indexes serve; when there are at most LISTED_BY_ID_UP_TO, the filter names
    their ids, and the planner, told exactly how many, reads them by primary key and sorts them.
    More matches than that are one lead in 500 at a million: should the planner walk, it meets a
    page of them within 25,000 leads. Naming many more ids does not pay: the 3,850 of "smith" at
    100,000 leads took 66 ms to read by id, where the walk meets a page within 1,300 leads.
    """
    match = search_match(query)
    found = Lead.objects.filter(match).order_by().values_list("pk", flat=True)
    ids = list(found[: LISTED_BY_ID_UP_TO + 1])
    return with_ids(ids) if len(ids) <= LISTED_BY_ID_UP_TO else match


def with_ids(ids):
    """The filter for the leads with these ids: on PostgreSQL one array parameter, since an IN list
    of thousands of parameters took twice as long to send and plan (90 ms against 40 for 4,200)."""
    return Q(AnyOf(F("pk"), ids)) if connection.vendor == "postgresql" else Q(pk__in=ids)


class AnyOf(Lookup):
    """PostgreSQL's `column = ANY(array)`, the values sent as one array."""

    prepare_rhs = False

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} = ANY(%s)", (*params, list(self.rhs))


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
    return "Nobody" if isinstance(user, str) else staff_name(user)


class LeadFilterSet(WagtailFilterSet):
    """Narrow the inbox by status, treatment, channel, language, source, campaign, assignee, date and
    overdue follow-up."""

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
    language = django_filters.ChoiceFilter(label="Language", empty_label="All")
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
        self.filters["language"].extra["choices"] = language_choices()

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


def inbox_leads(params, *, user):
    """The leads of the filtered, searched inbox whose query string is `params` (a QueryDict), as
    `user` sees it."""
    visible = Lead.objects.visible_to(user)
    filters = LeadFilterSet(params, queryset=visible)
    queryset = filters.qs if filters.is_valid() else visible.exclude(status=Lead.Status.SPAM)
    if query := params.get("q", "").strip():
        queryset = queryset.filter(search_filter(query))
    return queryset
