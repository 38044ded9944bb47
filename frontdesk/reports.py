"""Numbers about leads for the admin report: volume by week, pipeline conversion, response time,
time to a booked consultation and how consultations ended.

Everything here reads fields that survive anonymisation (dates, treatment, the channel and source
stored when the lead arrived, status, the timeline's status moves, appointments' times and states),
so erasing personal data never changes a figure.
"""

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Count, DateField, F, Min, Q, Value
from django.db.models.functions import Coalesce, NullIf, TruncWeek
from django.utils import timezone

from appointments.models import Appointment
from leads.attribution import channel_label_expression
from leads.models import Lead
from leads.workflow import PIPELINE, reached

from .charts import stacked_bars

TREATMENT = Coalesce(NullIf("treatment_title", Value("")), Value("Not sure yet"), output_field=CharField())


@dataclass
class WeeklySeries:
    """Leads per week split by one dimension (source or treatment), oldest week first."""

    weeks: list
    names: list
    counts: dict = field(default_factory=dict)  # {(week, name): count}

    def rows(self):
        """One row per week: the week, its count per name in `names` order, and the total."""
        for week in self.weeks:
            values = [self.counts.get((week, name), 0) for name in self.names]
            yield week, values, sum(values)

    def totals(self):
        """The count per name over the whole period, in `names` order."""
        return [sum(self.counts.get((week, name), 0) for week in self.weeks) for name in self.names]


@dataclass
class Figures:
    """How many leads arrived, how far they went, how fast they were first answered and booked a
    consultation, and how many of their consultations were cancelled or missed."""

    total: int
    funnel: list  # [(label, count, percent of received)]
    median_first_response: datetime.timedelta | None
    responded: int
    median_to_appointment: datetime.timedelta | None
    appointed: int  # leads with a consultation booked, even one later cancelled
    cancelled: int
    did_not_attend: int

    @property
    def median_first_response_text(self):
        """The median first-response time as people say it: "2 h 5 min", "3 days 4 h"."""
        return format_duration(self.median_first_response) if self.median_first_response is not None else ""

    @property
    def median_to_appointment_text(self):
        """The median time from the request to its first booked consultation, as people say it."""
        return format_duration(self.median_to_appointment) if self.median_to_appointment is not None else ""


@dataclass(kw_only=True)
class Report(Figures):
    """The whole lead report for a period, and the same figures for each clinic where there are several."""

    start: datetime.date
    end: datetime.date
    by_source: WeeklySeries
    by_channel: WeeklySeries
    by_treatment: WeeklySeries
    by_clinic: list = field(default_factory=list)  # [(clinic name, Figures)], empty for one clinic

    def chart(self, series, *, width=640, height=240):
        """Stacked bars for `series` as plain numbers an inline SVG draws: no script, no service."""
        return stacked_bars(series, width=width, height=height)


def format_duration(duration):
    """A duration in its two largest units, the smaller one rounded down."""
    minutes = max(0, round(duration.total_seconds() / 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


def _weekly(leads, dimension, weeks, top=6):
    rows = leads.annotate(week=TruncWeek("created_at", output_field=DateField()), name=dimension)
    rows = rows.values("week", "name").annotate(n=Count("id")).order_by()
    counts = Counter({(row["week"], row["name"]): row["n"] for row in rows})
    per_name = Counter()
    for (_, name), n in counts.items():
        per_name[name] += n
    # The biggest few get their own colour; the long tail is summed as "other" to stay readable.
    names = [name for name, _ in per_name.most_common(top)]
    if len(per_name) > top:
        folded = defaultdict(int)
        for (week, name), n in counts.items():
            folded[(week, name if name in names else "other")] += n
        counts = Counter(folded)
        names.append("other")
    return WeeklySeries(weeks=weeks, names=names, counts=dict(counts))


def _weeks(start, end):
    monday = start - datetime.timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += datetime.timedelta(days=7)
    return weeks


def figures_of(leads):
    """The pipeline and first-response figures of `leads`."""
    # One pass over the leads for the whole funnel, rather than one per stage.
    counts = leads.aggregate(
        total=Count("pk"), **{stage: Count("pk", filter=reached(stage)) for stage in PIPELINE}
    )
    total = counts["total"]
    funnel = [("Received", total, 100.0)] + [
        (stage.label, counts[stage], round(100 * counts[stage] / total, 1) if total else 0.0)
        for stage in PIPELINE
    ]

    durations = [
        contacted - created
        for created, contacted in leads.filter(first_contacted_at__isnull=False).values_list(
            "created_at", "first_contacted_at"
        )
    ]
    median = statistics.median(durations) if durations else None
    # From the request to when its first consultation was booked (not to the consultation itself).
    to_booking = [
        booked - created
        for created, booked in leads.annotate(booked=Min("appointments__created_at"))
        .filter(booked__isnull=False)
        .values_list("created_at", "booked")
    ]
    ended = Appointment.objects.filter(lead__in=leads.values("pk")).aggregate(
        cancelled=Count("pk", filter=Q(state=Appointment.State.CANCELLED)),
        did_not_attend=Count("pk", filter=Q(state=Appointment.State.DID_NOT_ATTEND)),
    )
    return Figures(
        total=total,
        funnel=funnel,
        median_first_response=median,
        responded=len(durations),
        median_to_appointment=statistics.median(to_booking) if to_booking else None,
        appointed=len(to_booking),
        **ended,
    )


def by_clinic(leads):
    """`figures_of` each clinic's leads, side by side, when `leads` come from more than one clinic
    (leads with no clinic, from before the second one opened, as the last row)."""
    by_name = F("clinic__title").asc(nulls_last=True)
    clinics = leads.order_by(by_name).values_list("clinic", "clinic__title").distinct()
    if len(clinics) < 2:
        return []
    return [(title or "No clinic", figures_of(leads.filter(clinic=pk))) for pk, title in clinics]


def build_report(*, weeks=12, today=None, leads=None):
    """The report for the last `weeks` whole and current weeks, spam excluded, of `leads` (all by
    default; the admin passes those the user may see)."""
    today = today or timezone.localdate()
    end = today
    start = today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(weeks=weeks - 1)
    start_at = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    leads = (Lead.objects.all() if leads is None else leads).requests().filter(created_at__gte=start_at)
    week_list = _weeks(start, end)
    return Report(
        **vars(figures_of(leads)),
        start=start,
        end=end,
        by_source=_weekly(leads, F("source"), week_list),
        by_channel=_weekly(leads, channel_label_expression(), week_list),
        by_treatment=_weekly(leads, TREATMENT, week_list),
        by_clinic=by_clinic(leads),
    )
