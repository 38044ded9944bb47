"""The consultation form's preferred times: the field a patient's choices arrive in, and what the
list shows (appointments.offer reads the free starts; leads/includes/preferred_times.html draws them)."""

import zoneinfo
from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from appointments.offer import DAYS_A_PAGE, MAX_TIMES, parse_slot_value, slot_text, slot_value

# Where the memoised embedded form leaves room for the list, which is rendered afresh (leads_tags).
TIMES_MARKER = "<!--preferred-times-->"
# The list's id: the error summary links to it.
TIMES_ID = "preferred-times"
NOTE_SALT = "leads.times-note"
# The thank-you page is reached at once; a note older than this is a link passed around.
NOTE_MAX_AGE = 3600


class PreferredTimesWidget(forms.CheckboxSelectMultiple):
    """Checkboxes drawn by the list's own template, by day; the error summary links to the list."""

    def id_for_label(self, id_, index=None):
        return TIMES_ID


class PreferredTimesField(forms.Field):
    """Up to three start values ("2026-12-08T10:30Z"), in the order sent; appointments.offer checks
    each against the chosen clinic's availability once the clinic is known."""

    widget = PreferredTimesWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, label=_("Preferred consultation times"), **kwargs)

    def to_python(self, value):
        return [str(item)[:40] for item in value or []]

    def validate(self, value):
        if len(value) > MAX_TIMES:
            raise ValidationError(
                gettext("Choose up to %(most)d times: you chose %(chosen)d.")
                % {"most": MAX_TIMES, "chosen": len(value)}
            )


@dataclass
class TimesShown:
    """What the list of preferred times shows: each offer's days for one page (`week`, from 0, of
    `days` days), what is ticked."""

    offers: list
    week: int = 0
    days: int = DAYS_A_PAGE  # fewer in the form embedded in pages (leads_tags)
    chosen: list = field(default_factory=list)
    none_suits: bool = False
    errors: list = field(default_factory=list)

    @cached_property
    def lists(self):
        """One list per availability: its clinics (named where the form asks which clinic) and the
        page's days, each [(value, label)]."""
        return [
            {
                "clinics": " {} ".format(gettext("and")).join(title for _pk, title in offer.clinics),
                "clinic_pks": " ".join(str(pk) for pk, _title in offer.clinics),
                "days": offer.page(min(self.week, offer.pages(self.days) - 1), self.days),
            }
            for offer in self.offers
        ]

    @cached_property
    def opened_days(self):
        """The days shown open: those with a ticked time. The others stay folded, so a keyboard
        user tabs past a page of times in one step a day, not one per time."""
        chosen = set(self.chosen)
        return {
            day
            for entry in self.lists
            for day, times in entry["days"]
            if any(value in chosen for value, _ in times)
        }

    @property
    def named(self):
        """Whether each list says which clinic it is for: only when there are several."""
        return len(self.offers) > 1 or any(len(offer.clinics) > 1 for offer in self.offers)

    @property
    def chosen_elsewhere(self):
        """Times ticked on another page: shown ticked above the list, so paging loses none."""
        shown = {value for entry in self.lists for _, times in entry["days"] for value, _ in times}
        zone = self.offers[0].zone if self.offers else None
        elsewhere = []
        for value in self.chosen:
            start = parse_slot_value(value)
            if value not in shown and start and zone:
                elsewhere.append((value, slot_text(start, zone)))
        return elsewhere

    @property
    def later(self):
        """The consultation page's week holding the first day after these, if any offer has times
        then: the next week, or, after the embedded form's shorter first page, the first week, which
        shows its days again with the day after them."""
        day_after = (self.week + 1) * self.days
        if any(day_after < offer.day_count for offer in self.offers):
            return day_after // DAYS_A_PAGE
        return None

    @property
    def earlier(self):
        return self.week - 1 if self.week > 0 else None


def times_note(checked):
    """The times proposed and the times gone, signed for the thank-you page's address: it names
    them without reading the lead (and nobody can make it name others)."""
    note = {
        "z": checked.availability.time_zone,
        "p": [slot_value(start) for start in checked.kept],
        "g": [slot_value(start) for start in checked.gone],
    }
    return signing.dumps(note, salt=NOTE_SALT)


def read_times_note(value):
    """{"proposed": [text, ...], "gone": [text, ...]} from a `times_note`; None if there is none
    or it is forged or old."""
    try:
        note = signing.loads(value, salt=NOTE_SALT, max_age=NOTE_MAX_AGE)
        zone = zoneinfo.ZoneInfo(note["z"])
        return {
            name: [slot_text(parse_slot_value(text), zone) for text in note[key]]
            for name, key in (("proposed", "p"), ("gone", "g"))
        }
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None
