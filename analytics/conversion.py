"""Conversion down the whole funnel: the page views counted for a page, treatment, source, campaign
or class of device, beside the consultation requests that came from it and how far they went.

Views are read from the daily aggregates (`PageViewCount`); requests are `Lead.objects.requests()`
grouped by the same names (leads.attribution) and carried through the pipeline by `reached`, so a
report is a handful of aggregate queries whatever the number of rows. docs/analytics.md says what
each figure means.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, DateField, F, Q, Sum, Value, When
from django.db.models.functions import Left, StrIndex, TruncWeek
from django.utils import timezone

from leads.attribution import arrival_label
from leads.models import Lead
from leads.workflow import PIPELINE, reached
from practice.visitors import Device
from treatments.models import TreatmentPage

from .models import PageViewCount

Status = Lead.Status
STAGE_FIGURES = {Status.CONTACTED: "contacted", Status.BOOKED: "booked", Status.PATIENT: "patient"}

# A year and a bit is as far back as the report reads at once: enough to compare two Januaries.
LONGEST_PERIOD = 400
# A page needs this many views in the period before its conversion rate can top a ranking,
# so one view and one request (100%) does not outrank a page that works every day.
RANKED_VIEWS = 20
NOT_SURE = "Not sure yet"
NOT_RECORDED = "Not recorded"

# A lead's landing page without its query string (which carries the campaign, not the page).
LANDING_PATH = Case(
    When(landing_page__contains="?", then=Left("landing_page", StrIndex("landing_page", Value("?")) - 1)),
    default=F("landing_page"),
    output_field=CharField(),
)


class PeriodError(ValueError):
    """A period the report cannot show, with a message staff can read."""


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included, in the practice's time zone."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.start > self.end:
            raise PeriodError("The period must start on or before the day it ends.")
        if self.days > LONGEST_PERIOD:
            raise PeriodError(f"Choose a period of at most {LONGEST_PERIOD} days.")

    @classmethod
    def last(cls, days, today=None):
        """The last `days` days, today included."""
        if days < 1:
            raise PeriodError("Choose a period of at least one day.")
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=days - 1), today)

    @classmethod
    def this_month(cls, today=None):
        today = today or timezone.localdate()
        return cls(today.replace(day=1), today)

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def views(self):
        """The page-view counts of these days; 404s are counted apart and never a page's."""
        return PageViewCount.objects.filter(day__range=(self.start, self.end), not_found=False)

    def requests(self):
        """The consultation requests sent on these days."""
        since = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))
        until = timezone.make_aware(
            datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        )
        return Lead.objects.requests().filter(created_at__gte=since, created_at__lt=until)


@dataclass
class ConversionRow:
    """One page, treatment, source, campaign or device class: its views and requests down the funnel."""

    name: str
    views: int = 0
    requests: int = 0
    # Requests from visitors who first arrived on this page (the page dimension only).
    landing_requests: int = 0
    contacted: int = 0
    booked: int = 0
    patient: int = 0

    @property
    def rate(self):
        """Requests per hundred views, or None when nothing was viewed (no rate, rather than 0%)."""
        return round(100 * self.requests / self.views, 1) if self.views else None


# Each figure as reports and exports head it.
FIGURES = {
    "views": "Views",
    "requests": "Requests",
    "landing_requests": "Requests that landed here",
    "rate": "Conversion (%)",
    "contacted": "Contacted",
    "booked": "Booked",
    "patient": "Became patients",
}
# What a table can be sorted by: a column's name, "-" first for largest first.
SORTABLE = ("name", *FIGURES)
ORDERINGS = (*SORTABLE, *(f"-{key}" for key in SORTABLE))


@dataclass(frozen=True)
class Dimension:
    """One way of grouping: the fields views and requests are grouped by, and how a group is named.

    `names()` gives a function from a group's values to its name, or None for a group that is not
    one of this dimension's (a view of a page that is no treatment).
    """

    label: str
    views_by: tuple
    requests_by: tuple
    names: Callable = lambda: values_as_names
    views_filter: Q = Q()
    requests_filter: Q = Q()
    # Also count requests by the page their visitor first arrived on.
    by_landing: bool = False

    def figures(self):
        """The FIGURES this grouping has: requests by landing page for pages only."""
        return [figure for figure in FIGURES if self.by_landing or figure != "landing_requests"]


def values_as_names(key):
    """A group named by its value ("/treatments/laser/", "spring-sale"); "Not recorded" when blank
    (requests from before the page they were sent from was kept)."""
    return key[0] or NOT_RECORDED


def treatment_names():
    """A treatment's views are its page's; its requests are the leads that chose it, named by the
    page's title today (or the title they were sent with, when the page is gone)."""
    paths = treatment_paths()
    titles = dict(paths.values())

    def name(key):
        if len(key) == 1:
            return paths.get(key[0], (None, None))[1]
        treatment, title = key
        return titles.get(treatment) or title or NOT_SURE

    return name


def device_names():
    return lambda key: Device(key[0]).label if key[0] in Device.values else NOT_RECORDED


def source_names():
    return lambda key: arrival_label(*key)


# Sources and campaigns are compared with entries: the views a visitor arrived by.
ENTRY = ~Q(channel=PageViewCount.INTERNAL)
DIMENSIONS = {
    "page": Dimension("Page", views_by=("path",), requests_by=("source_page",), by_landing=True),
    "treatment": Dimension(
        "Treatment",
        views_by=("path",),
        requests_by=("treatment_id", "treatment_title"),
        names=treatment_names,
    ),
    "source": Dimension(
        "Source",
        views_by=("channel", "source"),
        requests_by=("channel", "source"),
        names=source_names,
        views_filter=ENTRY,
    ),
    "campaign": Dimension(
        "Campaign",
        views_by=("campaign",),
        requests_by=("utm_campaign",),
        views_filter=ENTRY & ~Q(campaign=""),
        requests_filter=~Q(utm_campaign=""),
    ),
    "device": Dimension("Device", views_by=("device",), requests_by=("device",), names=device_names),
}
CHOICES = [(name, dimension.label) for name, dimension in DIMENSIONS.items()]


def treatment_paths():
    """{path: (page id, title)} of the live treatment pages."""
    pages = TreatmentPage.objects.live().defer_streamfields().specific(defer=True)
    return {path: (page.pk, page.title) for page in pages if (path := page_path(page))}


def page_path(page):
    """The path a page is served at, as counted (no scheme or host); None when it is not served."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _funnel(leads, keys):
    """Requests per group and how many of them reached each stage of the pipeline: one query."""
    stages = {STAGE_FIGURES[stage]: Count("pk", filter=reached(stage)) for stage in PIPELINE}
    return leads.values(*keys).annotate(requests=Count("pk"), **stages).order_by()


def conversion(period, by="page", ordering="-requests"):
    """The conversion table for `period` grouped `by` one of DIMENSIONS, sorted by `ordering`
    (one of ORDERINGS). Three aggregate queries at most whatever the rows (by treatment, one more
    finds the treatment pages)."""
    dimension = DIMENSIONS[by]
    name = dimension.names()
    rows = {}

    def row(key):
        label = name(key)
        return None if label is None else rows.setdefault(label, ConversionRow(label))

    views = period.views().filter(dimension.views_filter).values(*dimension.views_by)
    for group in views.annotate(n=Sum("views")).order_by():
        if counted := row(tuple(group[field] for field in dimension.views_by)):
            counted.views += group["n"]
    requests = period.requests().filter(dimension.requests_filter)
    for group in _funnel(requests, dimension.requests_by):
        counted = row(tuple(group[field] for field in dimension.requests_by))
        for figure in ("requests", *STAGE_FIGURES.values()):
            setattr(counted, figure, getattr(counted, figure) + group[figure])
    if dimension.by_landing:
        landings = requests.exclude(landing_page="").values(path=LANDING_PATH)
        for group in landings.annotate(n=Count("pk")).order_by():
            row((group["path"],)).landing_requests += group["n"]
    return sort_rows(list(rows.values()), ordering)


def sort_rows(rows, ordering):
    """`rows` sorted by a figure or the name; rows without a rate go last either way."""
    if ordering not in ORDERINGS:
        raise ValueError(f"Unknown ordering: {ordering}")
    descending = ordering.startswith("-")
    key = ordering.removeprefix("-")
    rows.sort(key=lambda row: row.name)
    if key == "name":
        rows.sort(key=lambda row: row.name.lower(), reverse=descending)
        return rows
    known = [row for row in rows if getattr(row, key) is not None]
    known.sort(key=lambda row: getattr(row, key), reverse=descending)
    return known + [row for row in rows if getattr(row, key) is None]


def totals(rows):
    """One row adding up `rows` (its rate is the overall rate)."""
    total = ConversionRow("Total")
    for row in rows:
        for figure in FIGURES:
            if figure != "rate":
                setattr(total, figure, getattr(total, figure) + getattr(row, figure))
    return total


def requests_by_week(period):
    """[(monday, views, requests)] for each week the period touches, oldest first."""
    week = TruncWeek("day", output_field=DateField())
    views = dict(period.views().values_list(week).annotate(n=Sum("views")).order_by())
    week = TruncWeek("created_at", output_field=DateField())
    sent = dict(period.requests().values_list(week).annotate(n=Count("pk")).order_by())
    monday = period.start - datetime.timedelta(days=period.start.weekday())
    weeks = []
    while monday <= period.end:
        weeks.append((monday, views.get(monday, 0), sent.get(monday, 0)))
        monday += datetime.timedelta(days=7)
    return weeks


def top_pages(today=None, count=5):
    """This month's pages with the most requests, and with the best conversion rate among pages
    with at least RANKED_VIEWS views: the dashboard panel's two lists."""
    rows = conversion(Period.this_month(today), by="page")
    by_requests = [row for row in sort_rows(list(rows), "-requests") if row.requests][:count]
    ranked = [row for row in rows if row.views >= RANKED_VIEWS and row.requests]
    return by_requests, sort_rows(ranked, "-rate")[:count]


def page_figures(page, days=30, today=None):
    """Views and requests of one page over the last `days` days, for its editors."""
    period = Period.last(days, today)
    path = page_path(page)
    if path is None:
        return ConversionRow("")
    views = period.views().filter(path=path).aggregate(n=Sum("views"))["n"] or 0
    requests = period.requests()
    return ConversionRow(
        path,
        views=views,
        requests=requests.filter(source_page=path).count(),
        landing_requests=requests.annotate(path=LANDING_PATH).filter(path=path).count(),
    )
