"""The consultation times the patient's form offers, and the check of the times a patient sent.

The form shows each clinic's free starts grouped by the clinic's local day, `DAYS_A_PAGE` days a
page (`DAYS_IN_THE_EMBEDDED_FORM` in the form on treatment and article pages): the list is written
into every treatment page's form, and is most of its weight. What
is free changes with every booking and with the clock, so it is read from the default cache for
`OFFER_SECONDS` only, never kept inside the memoised form (leads_tags). A page served from the
page cache may show a list up to PAGE_CACHE_SECONDS old: `check_times` accepts a start that was
offered that long ago (plus time to fill the form in), and a start taken since is not an error:
the request is kept and the patient told.
"""

import datetime
import re
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext

from practice.hours import day_text

from .models import ConsultationAvailability
from .slots import by_local_day, free_slots, is_offered, taken_places

UTC = datetime.UTC
MAX_TIMES = 3
# How long the free starts are reused between page renders: a booking shows within this.
OFFER_SECONDS = 30
# Three days of a clinic's times a page on the consultation page; "Later times" shows the next three.
DAYS_A_PAGE = 3
# Two in the form embedded in treatment and article pages, to keep a treatment page under 40 KB in a
# busy week (docs/performance.md); its "Later times" opens the consultation page's first page, which
# adds the third day.
DAYS_IN_THE_EMBEDDED_FORM = 2
# How long a patient may take to fill the form in after the page was rendered.
FILLING_IN = datetime.timedelta(hours=1)
VALUE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})Z")


def slot_value(start):
    """A start as the form sends it: its UTC instant to the minute, "2026-12-08T10:30Z"."""
    return f"{start.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


def parse_slot_value(text):
    """The aware UTC start a form value names, or None when it is not one."""
    match = VALUE.fullmatch(str(text))
    if not match:
        return None
    try:
        return datetime.datetime(*map(int, match.groups()), tzinfo=UTC)
    except ValueError:
        return None


def slot_text(start, zone):
    """ "Tuesday 8 December, 10:30": a start as the clinic's clock shows it."""
    local = start.astimezone(zone)
    return f"{day_text(local)}, {local:%H:%M}"


@dataclass(frozen=True)
class Offer:
    """One availability's free starts, for the clinics whose form offers them (none: the practice's)."""

    availability_pk: int
    time_zone: str
    clinics: tuple  # ((pk, title), ...)
    starts: tuple  # aware UTC, in order

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def day_count(self):
        """How many local days the free starts span, from the first's to the last's."""
        return self._day_of(self.starts[-1]) + 1 if self.starts else 0

    def pages(self, days=DAYS_A_PAGE):
        """How many pages of `days` local days the free starts span."""
        return -(-self.day_count // days)

    def page(self, number, days=DAYS_A_PAGE):
        """[(day text, [(value, "10:30"), ...]), ...]: the free starts of page `number` (from 0) of
        `days` local days, on the clinic's clock."""
        starts = [start for start in self.starts if self._day_of(start) // days == number]
        return [
            (day_text(day), [(slot_value(time), f"{time:%H:%M}") for time in times])
            for day, times in by_local_day(starts, self.zone)
        ]

    def _day_of(self, start):
        """The local day of `start`, counted from the first free start's (0)."""
        first = self.starts[0].astimezone(self.zone).date()
        return (start.astimezone(self.zone).date() - first).days


def offers(clinics, *, now=None):
    """The offers the form shows for `clinics` ((pk, title) of each the form asks about; none for a
    practice whose form asks no clinic): one per availability with free starts, from the cache."""
    clinics = tuple(clinics)
    key = "consultation-offers:" + ",".join(str(pk) for pk, _ in clinics)
    found = cache.get(key)
    if found is None:
        found = read_offers(clinics, now=now or timezone.now())
        cache.set(key, found, OFFER_SECONDS)
    return found


def read_offers(clinics, *, now):
    """`offers` read from the database: each clinic's own availability, else the practice's."""
    offered = {a.clinic_id: a for a in ConsultationAvailability.objects.prefetch_related("times")}
    serving = {}
    for pk, title in clinics or [(None, "")]:
        availability = offered.get(pk) or offered.get(None)
        if availability is not None:
            serving.setdefault(availability, []).append((pk, title) if pk else None)
    result = []
    for availability, served in serving.items():
        starts = free_slots(availability, now=now)
        if starts:
            named = tuple(clinic for clinic in served if clinic)
            result.append(Offer(availability.pk, availability.time_zone, named, tuple(starts)))
    return result


@dataclass
class TimesChecked:
    """What `check_times` made of the times a patient sent."""

    availability: ConsultationAvailability | None
    kept: list  # still free, in the order sent: stored as the patient's proposals
    gone: list  # offered when the page was shown, taken since
    errors: list  # one message per time that cannot be proposed


def check_times(availability, values, *, now=None):
    """Each value sent checked against `availability`: a real start, not past, offered (now, or when
    a cached page showed it), and still free. Only values sent are read; at most MAX_TIMES."""
    now = now or timezone.now()
    shown_at = now - datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS) - FILLING_IN
    checked = TimesChecked(availability=availability, kept=[], gone=[], errors=[])
    starts = []
    for value in values:
        start = parse_slot_value(value)
        if start is None:
            checked.errors.append(
                gettext("One of the times sent is not a time we offer: choose from the list.")
            )
        elif start in starts:
            continue
        elif availability is None:
            checked.errors.append(
                gettext("This clinic does not offer times online: choose “None of these suit me”.")
            )
        else:
            starts.append(start)
    if availability is None or not starts:
        return checked
    zone = availability.zone
    taken = taken_places(availability, min(starts), max(starts))
    for start in starts:
        when = slot_text(start, zone)
        if start <= now:
            checked.errors.append(gettext("%(time)s has passed: choose a later time.") % {"time": when})
        elif not (is_offered(availability, start, now=now) or is_offered(availability, start, now=shown_at)):
            checked.errors.append(
                gettext("%(time)s is not one of the consultation times offered: choose from the list.")
                % {"time": when}
            )
        elif taken[start] >= availability.places:
            checked.gone.append(start)
        else:
            checked.kept.append(start)
    return checked


def proposed_times_text(lead):
    """The times `lead` proposed, in its order, as its clinic's clock shows them."""
    starts = [slot.starts_at for slot in lead.proposed_slots.all()]
    if not starts:
        return []
    availability = ConsultationAvailability.for_clinic(lead.clinic)
    zone = availability.zone if availability else zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return [slot_text(start, zone) for start in starts]
