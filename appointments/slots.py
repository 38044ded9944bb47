"""Which consultation start times a clinic offers, and which of them still have a place free.

Starts are generated on the wall clock of the availability's time zone, day by day, from the weekly
times, stepped by the consultation length; each is then turned into an aware UTC instant. On the
day the clocks go forward a wall-clock time that does not exist is skipped; on the day they go back
a time that happens twice is offered once, at its first occurrence (`fold=0`).
"""

import datetime
from collections import Counter
from itertools import groupby

from django.db.models import Count
from django.utils.translation import gettext

from clinics.models import ClinicSpecialHours
from practice.hours import WEEK, day_text

from .models import Appointment

UTC = datetime.UTC


def offered_slots(availability, *, now, weeks=None):
    """The aware UTC starts offered from `now` plus the earliest notice to `now` plus the latest
    weeks (or `weeks`, when fewer), in order; none while the availability is not offered."""
    if not availability.offered:
        return []
    earliest = now + datetime.timedelta(hours=availability.earliest_notice_hours)
    weeks = min(weeks or availability.latest_weeks, availability.latest_weeks)
    return starts_between(availability, earliest, now + datetime.timedelta(weeks=weeks))


def free_slots(availability, *, now, weeks=None):
    """The offered starts at which fewer than `places` appointments hold a place."""
    offered = offered_slots(availability, now=now, weeks=weeks)
    if not offered:
        return []
    taken = taken_places(availability, offered[0], offered[-1])
    return [start for start in offered if taken[start] < availability.places]


def is_offered(availability, starts_at, *, now):
    """Whether `starts_at` is one of the starts offered to patients at `now`."""
    if not availability.offered:
        return False
    earliest = now + datetime.timedelta(hours=availability.earliest_notice_hours)
    latest = now + datetime.timedelta(weeks=availability.latest_weeks)
    return earliest <= starts_at <= latest and starts_at in starts_between(availability, starts_at, starts_at)


def taken_places(availability, first, last):
    """How many places are held at each start from `first` to `last`, in one query."""
    rows = (
        Appointment.objects.filter(
            availability=availability,
            state__in=Appointment.HOLDING_PLACE,
            starts_at__gte=first,
            starts_at__lte=last,
        )
        .values("starts_at")
        .annotate(held=Count("id"))
    )
    return Counter({row["starts_at"]: row["held"] for row in rows})


def starts_between(availability, first, last):
    """Every start from `first` to `last` (aware, inclusive), skipping the clinic's closures and
    keeping inside its special hours, as aware UTC datetimes in order."""
    zone = availability.zone
    length = datetime.timedelta(minutes=availability.length_minutes)
    first_day, last_day = first.astimezone(zone).date(), last.astimezone(zone).date()
    weekly = {}
    for row in availability.times.all():
        weekly.setdefault(row.weekday, []).append((row.starts, row.ends))
    special = _special_hours_by_day(availability.clinic_id, first_day, last_day)

    starts = set()
    day = first_day
    while day <= last_day:
        # On a day with special hours only the weekly starts whose consultation fits inside them.
        opens, closes = _special_span(special.get(day))
        for window_starts, window_ends in weekly.get(WEEK[day.weekday()], []):
            wall = datetime.datetime.combine(day, window_starts)
            end = datetime.datetime.combine(day, window_ends)
            while wall + length <= end:
                fits = opens <= wall.time() and (wall + length).time() <= closes
                instant = instant_at(wall, zone) if fits else None
                if instant is not None and first <= instant <= last:
                    starts.add(instant)
                wall += length
        day += datetime.timedelta(days=1)
    return sorted(starts)


def by_local_day(starts, zone):
    """[(local date, [local aware datetimes])] for display, in order; `starts` sorted."""
    local = (start.astimezone(zone) for start in starts)
    return [(day, list(times)) for day, times in groupby(local, key=lambda moment: moment.date())]


def local_text(moment, zone):
    """ "Monday 4 January 2027 at 09:00": an instant as the clinic's clock shows it."""
    local = moment.astimezone(zone)
    return gettext("%(day)s at %(time)s") % {"day": day_text(local, year=True), "time": f"{local:%H:%M}"}


def instant_at(wall, zone):
    """The UTC instant of wall-clock `wall` in `zone`, its first occurrence when the clocks go back,
    or None when the clocks going forward skip it."""
    local = wall.replace(tzinfo=zone)
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall:
        return None
    return instant


def _special_hours_by_day(clinic_id, first_day, last_day):
    """{date: special hours row} for each day from `first_day` to `last_day` a closure or special
    hours cover, in one query; nothing for the practice's own availability."""
    if clinic_id is None:
        return {}
    by_day = {}
    # By the clinic's id: loading its page is a query this does not need.
    rows = ClinicSpecialHours.objects.filter(
        clinic_id=clinic_id, starts__lte=last_day, ends__gte=first_day
    ).order_by("starts")
    for row in rows:
        day = max(row.starts, first_day)
        while day <= min(row.last_day, last_day):
            by_day[day] = row
            day += datetime.timedelta(days=1)
    return by_day


def _special_span(special):
    """The (opens, closes) wall-clock span a day's special hours allow: the whole day without
    any, nothing on a closed day."""
    if special is None:
        return datetime.time.min, datetime.time.max
    if special.closed:
        return datetime.time.max, datetime.time.min
    return special.opens, special.closes
