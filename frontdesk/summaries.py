"""The lead report's figures of each day and clinic: counted live from the leads, or read from the
daily summary (LeadDay) the worker keeps, so a year's report costs the same at a million leads as
at a hundred thousand.

A median cannot be added up from daily medians, so each day keeps how many durations fell in each
bucket of MEDIAN_PRECISION, and the report reads the median from the merged buckets: to the minute
under an hour, to five minutes under six hours, to a quarter of an hour under a day, to the hour
under a week and to the day beyond. Read live or from the summary, the figures are the same.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields

from django.db import transaction
from django.db.models import BooleanField, CharField, Count, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Coalesce, NullIf, TruncDate
from django.utils import timezone

from appointments.models import Appointment
from leads.attribution import channel_label_expression
from leads.models import Lead
from leads.workflow import OPEN_STATUSES, PIPELINE, reached

from .models import LeadDay, OpenLeads

TREATMENT = Coalesce(NullIf("treatment_title", Value("")), Value("Not sure yet"), output_field=CharField())

# (below this many minutes, buckets this many minutes wide), shortest first.
MEDIAN_PRECISION = ((60, 1), (6 * 60, 5), (24 * 60, 15), (7 * 24 * 60, 60), (None, 24 * 60))


def bucket(duration):
    """The first minute of the MEDIAN_PRECISION bucket `duration` falls in."""
    minutes = max(0, int(duration.total_seconds() // 60))
    width = next(width for below, width in MEDIAN_PRECISION if below is None or minutes < below)
    return minutes - minutes % width


def median(buckets):
    """The median of durations counted by bucket ({first minute: count}), or None for none."""
    count = sum(buckets.values())
    if not count:
        return None
    middle = ((count - 1) // 2, count // 2)  # the same place twice for an odd count
    values, seen = [], 0
    for minute in sorted(buckets):
        seen += buckets[minute]
        values += [minute for place in middle if seen - buckets[minute] <= place < seen]
    return datetime.timedelta(minutes=sum(values) / 2)


@dataclass
class Tally:
    """What the report adds up about some leads: how many arrived and how far they went, their
    first-response and first-booking times by bucket, how their consultations ended, and how many
    came from each source, channel and treatment."""

    received: int = 0
    reached: Counter = field(default_factory=Counter)  # {stage: leads that reached it}
    response: Counter = field(default_factory=Counter)  # {bucket: leads first answered that long after}
    booking: Counter = field(default_factory=Counter)  # {bucket: leads first booked that long after}
    cancelled: int = 0
    did_not_attend: int = 0
    by_source: Counter = field(default_factory=Counter)
    by_channel: Counter = field(default_factory=Counter)
    by_treatment: Counter = field(default_factory=Counter)

    def __iadd__(self, other):
        for name in self._names():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def as_json(self):
        return {name: getattr(self, name) for name in self._names()}

    @classmethod
    def from_json(cls, data):
        tally = cls(
            **{name: Counter(value) if isinstance(value, dict) else value for name, value in data.items()}
        )
        # JSON keys are strings: the buckets are minutes again.
        tally.response = Counter({int(minute): n for minute, n in tally.response.items()})
        tally.booking = Counter({int(minute): n for minute, n in tally.booking.items()})
        return tally

    @classmethod
    def _names(cls):
        return [each.name for each in fields(cls)]


def live_tallies(leads):
    """{(day, clinic id): Tally} of `leads` (spam already left out), counted from the leads."""
    reached_stage = {
        f"reached_{stage}": ExpressionWrapper(reached(stage), BooleanField()) for stage in PIPELINE
    }
    rows = leads.annotate(
        day=TruncDate("created_at"),
        channel_name=channel_label_expression(),
        treatment_name=TREATMENT,
        **reached_stage,
    ).values(
        "pk",
        "day",
        "clinic_id",
        "source",
        "channel_name",
        "treatment_name",
        "created_at",
        "first_contacted_at",
        *reached_stage,
    )
    first_booked, ended = {}, Counter()
    consultations = Appointment.objects.filter(lead__in=leads.values("pk")).values_list(
        "lead_id", "created_at", "state"
    )
    for lead, created_at, state in consultations.order_by():
        first_booked[lead] = min(created_at, first_booked.get(lead, created_at))
        ended[(lead, state)] += 1
    tallies = defaultdict(Tally)
    for row in rows.order_by().iterator(chunk_size=5000):
        tally = tallies[(row["day"], row["clinic_id"])]
        tally.received += 1
        tally.reached.update(stage for stage in PIPELINE if row[f"reached_{stage}"])
        if row["first_contacted_at"] is not None:
            tally.response[bucket(row["first_contacted_at"] - row["created_at"])] += 1
        if row["pk"] in first_booked:
            tally.booking[bucket(first_booked[row["pk"]] - row["created_at"])] += 1
        tally.cancelled += ended[(row["pk"], Appointment.State.CANCELLED)]
        tally.did_not_attend += ended[(row["pk"], Appointment.State.DID_NOT_ATTEND)]
        tally.by_source[row["source"]] += 1
        tally.by_channel[row["channel_name"]] += 1
        tally.by_treatment[row["treatment_name"]] += 1
    return tallies


def day_start(day):
    """The moment `day` begins in the practice's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def created_on(days):
    """The filter for leads that arrived on one of `days`, as few ranges as the days allow."""
    ranges, days = Q(pk__in=[]), sorted(days)
    while days:
        first = last = days.pop(0)
        while days and days[0] == last + datetime.timedelta(days=1):
            last = days.pop(0)
        ranges |= Q(
            created_at__gte=day_start(first), created_at__lt=day_start(last + datetime.timedelta(days=1))
        )
    return ranges


def not_summarised(fresh, end, start=None):
    """The filter for the requests to count live, up to `end`, given the days summarised `fresh`:
    today, stale days, days not summarised yet, and (without `start`) every day before the first
    summary. A few index ranges of `created_at`."""
    first = start or min(fresh, default=end)
    every_day = {first + datetime.timedelta(days=n) for n in range((end - first).days + 1)}
    ranges = created_on(every_day - set(fresh))
    return ranges if start else ranges | Q(created_at__lt=day_start(first))


def tallies_between(start, end):
    """{(day, clinic id): Tally} of the requests that arrived from `start` to `end` (dates, both
    included): from the summary for the days it holds fresh, counted live for the others."""
    summarised = LeadDay.objects.filter(day__range=(start, end), stale=False).values_list("day", "clinics")
    tallies = {}
    for day, clinics in summarised:
        for clinic, data in clinics.items():
            tallies[(day, int(clinic) if clinic else None)] = Tally.from_json(data)
    unsummarised = not_summarised({day for day, _ in summarised}, end, start)
    tallies.update(live_tallies(Lead.objects.requests().filter(unsummarised)))
    return tallies


def days_to_summarise(today=None):
    """The days before today, since the first lead arrived, that have no fresh summary, oldest
    first. Every day is kept, not only the report's year: the dashboard counts all open leads."""
    today = today or timezone.localdate()
    first = Lead.objects.order_by("created_at").values_list("created_at", flat=True).first()
    if first is None:
        return []
    start = timezone.localdate(first)
    fresh = LeadDay.objects.filter(day__range=(start, today), stale=False).values_list("day", flat=True)
    window = {start + datetime.timedelta(days=n) for n in range((today - start).days)}
    return sorted(window - set(fresh))


def summarise(days):
    """Count each of `days` afresh from its leads and keep the figures; a day whose leads changed
    meanwhile stays stale, for the next round. Returns how many days were kept. Days without a
    request (most of a year's, the first time) are kept empty without counting them one by one."""
    days = sorted(days)
    LeadDay.objects.bulk_create([LeadDay(day=day) for day in days], ignore_conflicts=True)
    summaries = {
        day: (pk, version)
        for day, pk, version in LeadDay.objects.filter(day__in=days).values_list("day", "pk", "version")
    }
    requests = Lead.objects.requests().filter(created_on(days))
    busy = set(requests.annotate(day=TruncDate("created_at")).values_list("day", flat=True).distinct())
    open_leads = defaultdict(list)
    for row in open_lead_counts(requests):
        day = row.pop("day")
        open_leads[day].append(OpenLeads(summary_id=summaries[day][0], **row))
    kept = keep_empty([summaries[day] for day in days if day not in busy])
    for day in sorted(busy):
        tallies = live_tallies(requests.filter(created_on([day])))
        clinics = {str(clinic or ""): tally.as_json() for (_, clinic), tally in tallies.items()}
        pk, version = summaries[day]
        with transaction.atomic():
            if LeadDay.objects.filter(pk=pk, version=version).update(
                clinics=clinics, stale=False, summarised_at=timezone.now()
            ):
                OpenLeads.objects.filter(summary=pk).delete()
                OpenLeads.objects.bulk_create(open_leads[day])
                kept += 1
    return kept


def keep_empty(summaries):
    """Keep the days of `summaries` ((pk, version) pairs), which had no request, as summarised with
    nothing in them: a statement or two per version they hold, not three per day (a year of
    empty days cost 2,000 statements). A day whose version moved meanwhile stays stale."""
    by_version = defaultdict(list)
    for pk, version in summaries:
        by_version[version].append(pk)
    kept = 0
    for version, pks in by_version.items():
        with transaction.atomic():
            kept += LeadDay.objects.filter(pk__in=pks, version=version).update(
                clinics={}, stale=False, summarised_at=timezone.now()
            )
            OpenLeads.objects.filter(summary__in=pks, summary__version=version).delete()
    return kept


def open_lead_counts(requests):
    """How many of `requests` are open, by day, clinic, status and follow-up date, in one query."""
    return (
        requests.filter(status__in=OPEN_STATUSES)
        .annotate(day=TruncDate("created_at"))
        .values("day", "clinic_id", "status", "follow_up_on")
        .annotate(leads=Count("pk"))
        .order_by()
    )


def mark_stale(*, created_at):
    """The summary of the day a lead arrived at `created_at` is out of date (nothing is summarised
    of today yet, so a new lead costs no query)."""
    day = timezone.localdate(created_at)
    if day < timezone.localdate():
        LeadDay.objects.filter(day=day).update(stale=True, version=F("version") + 1)


def lead_changed(sender, instance, **kwargs):
    """Receiver for a lead saved or deleted."""
    if instance.created_at is not None:
        mark_stale(created_at=instance.created_at)


def status_moved(sender, instance, **kwargs):
    """Receiver for a timeline entry saved or deleted: a status move changes its lead's funnel."""
    if instance.to_status:
        lead_part_changed(instance)


def lead_part_changed(instance, **kwargs):
    """Receiver for a consultation saved or deleted (and a status move): its lead's day changed."""
    created_at = Lead.objects.filter(pk=instance.lead_id).values_list("created_at", flat=True).first()
    if created_at is not None:
        mark_stale(created_at=created_at)
