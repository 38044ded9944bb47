"""Numbers about leads for the admin report: volume by week, pipeline conversion, response time,
time to a booked consultation and how consultations ended.

Everything here reads fields that survive anonymisation (dates, treatment, the channel and source
stored when the lead arrived, status, the timeline's status moves, appointments' times and states),
so erasing personal data never changes a figure.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from clinics.models import ClinicPage
from leads.querysets import sees_every_clinic, team_clinics
from leads.workflow import PIPELINE

from .charts import stacked_bars
from .summaries import Tally, median, tallies_between


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


def _weekly(tallies, dimension, weeks, top=6):
    counts = Counter()
    for (day, _), tally in tallies.items():
        week = day - datetime.timedelta(days=day.weekday())
        counts.update({(week, name): n for name, n in getattr(tally, dimension).items()})
    per_name = Counter()
    for (_, name), n in counts.items():
        per_name[name] += n
    # The biggest few get their own colour (ties by name, so a report reads the same however its
    # days were counted); the long tail is summed as "other" to stay readable.
    names = sorted(per_name, key=lambda name: (-per_name[name], name))[:top]
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


def figures_of(tally):
    """The pipeline, response and consultation figures of the leads `tally` adds up."""
    total = tally.received
    funnel = [("Received", total, 100.0)] + [
        (stage.label, tally.reached[stage], round(100 * tally.reached[stage] / total, 1) if total else 0.0)
        for stage in PIPELINE
    ]
    return Figures(
        total=total,
        funnel=funnel,
        median_first_response=median(tally.response),
        responded=tally.response.total(),
        # From the request to when its first consultation was booked (not to the consultation itself).
        median_to_appointment=median(tally.booking),
        appointed=tally.booking.total(),
        cancelled=tally.cancelled,
        did_not_attend=tally.did_not_attend,
    )


def by_clinic(tallies):
    """`figures_of` each clinic's leads, side by side, when `tallies` come from more than one clinic
    (leads with no clinic, from before the second one opened, as the last row)."""
    per_clinic = defaultdict(Tally)
    for (_, clinic), tally in tallies.items():
        per_clinic[clinic] += tally
    if len(per_clinic) < 2:
        return []
    titles = dict(ClinicPage.objects.filter(pk__in=per_clinic).values_list("pk", "title"))
    named = sorted(per_clinic.items(), key=lambda item: (item[0] is None, titles.get(item[0], "")))
    return [(titles.get(clinic) or "No clinic", figures_of(tally)) for clinic, tally in named]


def visible_clinics(user):
    """The clinics whose leads `user` sees, None standing for leads with no clinic; None for all.
    The same rule as `LeadQuerySet.visible_to`, for figures summarised by clinic."""
    if user is None or sees_every_clinic(user):
        return None
    return {None, *team_clinics(user).values_list("pk", flat=True)}


def build_report(*, weeks=12, today=None, user=None):
    """The report for the last `weeks` whole and current weeks, spam excluded, of the leads `user`
    may see (all without a user)."""
    today = today or timezone.localdate()
    end = today
    start = today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(weeks=weeks - 1)
    tallies = tallies_between(start, end)
    clinics = visible_clinics(user)
    if clinics is not None:
        tallies = {key: tally for key, tally in tallies.items() if key[1] in clinics}
    everything = Tally()
    for tally in tallies.values():
        everything += tally
    week_list = _weeks(start, end)
    return Report(
        **vars(figures_of(everything)),
        start=start,
        end=end,
        by_source=_weekly(tallies, "by_source", week_list),
        by_channel=_weekly(tallies, "by_channel", week_list),
        by_treatment=_weekly(tallies, "by_treatment", week_list),
        by_clinic=by_clinic(tallies),
    )
