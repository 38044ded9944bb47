"""Opening hours, one rule for the practice's details and for each clinic: the weekdays, what makes a
set of hours valid, and how they are written in structured data.

Times are local wall-clock times with no offset, as patients read them on the door: a clinic open
09:00-17:00 is open 09:00-17:00 on both sides of a daylight-saving change, and schema.org's
`opens`/`closes` carry no time zone either.
"""

from itertools import pairwise

from django.db import models
from django.utils.dateformat import format as date_format
from django.utils.translation import pgettext, pgettext_lazy


class Weekday(models.TextChoices):
    """The days of the week, named as schema.org's `dayOfWeek` names them, Monday first; the
    labels are in the reader's language (with a context of their own: Django's catalogue has the
    names as a date writes them, lower case in Spanish)."""

    MONDAY = "Monday", pgettext_lazy("a day of the week on its own", "Monday")
    TUESDAY = "Tuesday", pgettext_lazy("a day of the week on its own", "Tuesday")
    WEDNESDAY = "Wednesday", pgettext_lazy("a day of the week on its own", "Wednesday")
    THURSDAY = "Thursday", pgettext_lazy("a day of the week on its own", "Thursday")
    FRIDAY = "Friday", pgettext_lazy("a day of the week on its own", "Friday")
    SATURDAY = "Saturday", pgettext_lazy("a day of the week on its own", "Saturday")
    SUNDAY = "Sunday", pgettext_lazy("a day of the week on its own", "Sunday")


WEEK = list(Weekday.values)


def day_text(day, *, year=False):
    """A date as patients and staff read it, in their language: "Tuesday 8 December", or "Tuesday 8
    December 2026" (the order and words of each language are its translation of the format)."""
    if year:
        return date_format(day, pgettext("a day as people read it, with its year", "l j F Y"))
    return date_format(day, pgettext("a day as people read it", "l j F"))


def inverted_times_error(opens, closes):
    """Why `opens`-`closes` is not a valid span of one day, or "" when it is."""
    if opens is not None and closes is not None and closes <= opens:
        return "The closing time must be after the opening time."
    return ""


def overlapping_days(spans):
    """The days, in week order, on which two of the (day, opens, closes) spans overlap."""
    by_day = {}
    for day, opens, closes in spans:
        by_day.setdefault(day, []).append((opens, closes))
    clashes = set()
    for day, times in by_day.items():
        times.sort()
        if any(later[0] < earlier[1] for earlier, later in pairwise(times)):
            clashes.add(day)
    return [day for day in WEEK if day in clashes]


def _hhmm(time):
    return time.strftime("%H:%M")


def hours_specification(days, opens, closes, *, valid_from=None, valid_through=None):
    """A schema.org OpeningHoursSpecification; dated ones (special hours) carry validFrom and
    validThrough, and a day closed all day is opens = closes = 00:00, as Google documents it."""
    data = {"@type": "OpeningHoursSpecification"}
    if days:
        data["dayOfWeek"] = list(days)
    data["opens"] = _hhmm(opens) if opens else "00:00"
    data["closes"] = _hhmm(closes) if closes else "00:00"
    if valid_from:
        data["validFrom"] = valid_from.isoformat()
        data["validThrough"] = (valid_through or valid_from).isoformat()
    return data
