"""When a clinic is open: its hours for each weekday, and dated closures and special hours."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from practice.hours import Weekday, day_text, hours_specification, inverted_times_error


class ClinicOpeningHours(Orderable):
    """The hours a clinic is open on one weekday; a day with no row is a day it is closed."""

    clinic = ParentalKey("clinics.ClinicPage", on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.CharField(max_length=9, choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{self.weekday} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        error = inverted_times_error(self.opens, self.closes)
        if error:
            raise ValidationError({"closes": error})

    @property
    def specification(self):
        return hours_specification([self.weekday], self.opens, self.closes)


class SpecialHoursQuerySet(models.QuerySet):
    def upcoming(self, today):
        """Closures and special hours that have not ended by `today`, soonest first."""
        return self.filter(ends__gte=today).order_by("starts")


class ClinicSpecialHours(Orderable):
    """A closure (Christmas, a refit) or different hours (a bank holiday) on dated days, which take
    the place of the weekly hours on those days."""

    clinic = ParentalKey("clinics.ClinicPage", on_delete=models.CASCADE, related_name="special_hours")
    reason = models.CharField(max_length=80, help_text='What patients are told, e.g. "Christmas".')
    starts = models.DateField("from")
    ends = models.DateField("until", blank=True, help_text="The last day; leave empty for a single day.")
    closed = models.BooleanField("closed all day", default=True)
    opens = models.TimeField(null=True, blank=True, help_text="Only when open on different hours.")
    closes = models.TimeField(null=True, blank=True)

    objects = SpecialHoursQuerySet.as_manager()

    panels = [
        FieldPanel("reason"),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
        FieldRowPanel([FieldPanel("closed"), FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "closure or special hours"
        verbose_name_plural = "closures and special hours"

    def __str__(self):
        return f"{self.reason}: {self.dates_text}, {self.hours_text}"

    def clean(self):
        errors = {}
        if self.ends and self.starts and self.ends < self.starts:
            errors["ends"] = "The last day cannot come before the first."
        if self.closed and (self.opens or self.closes):
            errors["opens"] = "Leave the times empty for a day the clinic is closed."
        elif not self.closed and not (self.opens and self.closes):
            errors["opens"] = "Give the opening and closing times, or tick 'closed all day'."
        elif not self.closed:
            error = inverted_times_error(self.opens, self.closes)
            if error:
                errors["closes"] = error
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A single day ends the day it starts, so "upcoming" is one comparison.
        self.ends = self.ends or self.starts
        super().save(*args, **kwargs)

    @property
    def last_day(self):
        return self.ends or self.starts

    @property
    def dates_text(self):
        """ "Thursday 24 December" or "Thursday 24 December to Friday 1 January"."""
        first = day_text(self.starts)
        if self.last_day == self.starts:
            return first
        return gettext("%(first)s to %(last)s") % {"first": first, "last": day_text(self.last_day)}

    @property
    def hours_text(self):
        if self.closed:
            return gettext("closed")
        return gettext("open %(opens)s to %(closes)s") % {
            "opens": f"{self.opens:%H:%M}",
            "closes": f"{self.closes:%H:%M}",
        }

    @property
    def specification(self):
        opens, closes = (None, None) if self.closed else (self.opens, self.closes)
        return hours_specification([], opens, closes, valid_from=self.starts, valid_through=self.last_day)
