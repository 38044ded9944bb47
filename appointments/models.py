"""Consultation appointments: when each clinic offers consultations, the appointments booked into
those times, and the times a patient proposed."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from leads.models import Lead
from practice.hours import Weekday, inverted_times_error


def validate_time_zone(name):
    """Refuse anything but an IANA time zone name ("Europe/London")."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(f'"{name}" is not a time zone name such as "Europe/London".') from error


def default_time_zone():
    # A callable, so the migration does not freeze this deployment's setting.
    return settings.TIME_ZONE


def outside_opening_hours_error(clinic, weekday, starts, ends):
    """Why consultations from `starts` to `ends` on `weekday` do not fit `clinic`'s opening hours
    that day, or "" when they do (or when the clinic gives no opening hours at all)."""
    if clinic is None:
        return ""
    hours = list(clinic.opening_hours.all())
    if not hours:
        return ""
    spans = sorted((row.opens, row.closes) for row in hours if row.weekday == weekday)
    if not spans:
        return f"{clinic.title} is closed on {weekday}s: offer no consultations then."
    if any(opens <= starts and ends <= closes for opens, closes in spans):
        return ""
    open_text = ", ".join(f"{opens:%H:%M}-{closes:%H:%M}" for opens, closes in spans)
    return (
        f"Consultations on {weekday} must fall within {clinic.title}'s opening hours that day ({open_text})."
    )


class ConsultationAvailability(ClusterableModel):
    """When a clinic (or the practice, where it has no clinics) offers consultations, how long each
    takes, how many can run at once and how far ahead patients may choose."""

    clinic = models.OneToOneField(
        "clinics.ClinicPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultation_availability",
        help_text="Leave empty for the practice's own availability (a practice with one clinic).",
    )
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text='The clinic\'s own time zone, e.g. "Europe/London": the weekly times are read in it.',
    )
    length_minutes = models.PositiveSmallIntegerField(
        "consultation length (minutes)", default=30, validators=[MinValueValidator(5)]
    )
    places = models.PositiveSmallIntegerField(
        "consultations at once",
        default=1,
        validators=[MinValueValidator(1)],
        help_text="How many consultations can run at the same time (rooms or practitioners).",
    )
    earliest_notice_hours = models.PositiveSmallIntegerField(
        "earliest notice (hours)", default=48, help_text="Patients may not choose a time sooner than this."
    )
    latest_weeks = models.PositiveSmallIntegerField(
        "latest (weeks ahead)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="Patients may not choose a time further ahead than this.",
    )
    offered = models.BooleanField(
        "offer times to patients", default=True, help_text="Untick to stop offering times on the form."
    )

    panels = [
        FieldPanel("clinic"),
        FieldPanel("offered"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("length_minutes"), FieldPanel("places")]),
                FieldRowPanel([FieldPanel("earliest_notice_hours"), FieldPanel("latest_weeks")]),
                FieldPanel("time_zone"),
            ],
            heading="Consultations",
        ),
        InlinePanel("times", heading="Weekly times", label="Times on a weekday"),
    ]

    class Meta:
        verbose_name = "consultation availability"
        verbose_name_plural = "consultation availability"
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="appointments_availability_places"),
        ]

    def __str__(self):
        return f"Consultations at {self.clinic.title}" if self.clinic_id else "Consultations at the practice"

    def clean(self):
        super().clean()
        practice_wide = ConsultationAvailability.objects.filter(clinic=None).exclude(pk=self.pk)
        if self.clinic_id is None and practice_wide.exists():
            raise ValidationError(
                {"clinic": "The practice already has its own availability: choose a clinic."}
            )

    @classmethod
    def for_clinic(cls, clinic):
        """The clinic's availability, else the practice's own; None when neither exists."""
        if clinic is not None:
            found = cls.objects.filter(clinic=clinic).first()
            if found:
                return found
        return cls.objects.filter(clinic=None).first()

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)


class ConsultationTimes(Orderable):
    """The times on one weekday that consultations are offered (wall-clock, in the availability's
    time zone); two rows for a day with a break."""

    availability = ParentalKey(ConsultationAvailability, on_delete=models.CASCADE, related_name="times")
    weekday = models.CharField(max_length=9, choices=Weekday.choices)
    starts = models.TimeField()
    ends = models.TimeField(help_text="The last consultation ends by this time.")

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts"), FieldPanel("ends")])]

    class Meta(Orderable.Meta):
        verbose_name = "consultation times"
        verbose_name_plural = "consultation times"

    def __str__(self):
        return f"{self.weekday} {self.starts:%H:%M}-{self.ends:%H:%M}"

    def clean(self):
        error = inverted_times_error(self.starts, self.ends)
        if not error and self.availability_id:
            error = outside_opening_hours_error(
                self.availability.clinic, self.weekday, self.starts, self.ends
            )
        if error:
            raise ValidationError({"ends": error})


class Appointment(models.Model):
    """A consultation booked for a lead at one start time, in one of the availability's places."""

    class State(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"

    # The states that hold a place: a cancelled appointment gives its place back.
    HOLDING_PLACE = (State.BOOKED, State.ATTENDED, State.DID_NOT_ATTEND)

    lead = models.ForeignKey("leads.Lead", on_delete=models.CASCADE, related_name="appointments")
    availability = models.ForeignKey(ConsultationAvailability, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    state = models.CharField(max_length=14, choices=State.choices, default=State.BOOKED)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the patient or the system booked it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "place"]
        constraints = [
            # Capacity held by the database: one appointment per place at a start, whoever books it.
            models.UniqueConstraint(
                fields=["availability", "starts_at", "place"],
                condition=Q(state__in=["booked", "attended", "did_not_attend"]),
                name="appointments_one_per_place",
            ),
            models.CheckConstraint(condition=Q(place__gte=1), name="appointments_place_from_one"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointments_ends_after"
            ),
        ]
        indexes = [models.Index(fields=["availability", "starts_at"])]

    def __str__(self):
        return f"Consultation for lead {self.lead_id} at {self.starts_at:%Y-%m-%d %H:%M} UTC ({self.state})"


class ProposedSlot(models.Model):
    """A start time the patient proposed on the consultation form, in their order of preference."""

    lead = models.ForeignKey("leads.Lead", on_delete=models.CASCADE, related_name="proposed_slots")
    starts_at = models.DateTimeField()
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(3)])

    class Meta:
        ordering = ["lead", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["lead", "rank"], name="appointments_one_slot_per_rank"),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=3), name="appointments_rank_one_to_three"
            ),
        ]

    def __str__(self):
        return f"Choice {self.rank} for lead {self.lead_id}: {self.starts_at:%Y-%m-%d %H:%M} UTC"


class AppointmentEmail(models.Model):
    """One email about an appointment, to the patient or the front desk, sent once through the task
    queue (leads.delivery.send_once): a row per kind, so each is sent at most once."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Confirmation to the patient"
        CANCELLATION = "cancellation", "Cancellation to the patient"
        REMINDER = "reminder", "Reminder to the patient"
        DESK_CANCELLED = "desk_cancelled", "The patient cancelled: to the front desk"
        DESK_ANOTHER_TIME = "desk_another_time", "The patient asks for another time: to the front desk"

    TO_THE_PATIENT = (Kind.CONFIRMATION, Kind.CANCELLATION, Kind.REMINDER)

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=17, choices=Kind.choices)
    state = models.CharField(
        max_length=10, choices=Lead.NotificationState.choices, default=Lead.NotificationState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # The exception class of the last failure only: messages can echo addresses.
    error = models.CharField(max_length=200, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appointment", "kind"], name="appointments_one_email_per_kind"),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} for appointment {self.appointment_id} ({self.state})"


class CalendarFeed(models.Model):
    """The secret address staff calendars subscribe to for one availability's consultations.

    Only a SHA-256 hash of the token is kept: a database dump or backup gives nobody the address,
    and the link is shown once, when it is made. Making a new link replaces the hash, so the old
    address stops working at once (appointments/feed.py).
    """

    availability = models.OneToOneField(
        ConsultationAvailability, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "calendar feed"

    def __str__(self):
        return f"Calendar feed of {self.availability}"
