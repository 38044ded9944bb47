"""Consultation requests ("leads"): what a patient asked for, where they came from, what was done."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from practice.visitors import Device

from ..attribution import Channel, arrival_of
from ..languages import LANGUAGE_MAX_LENGTH, language_choices
from ..querysets import LeadQuerySet
from .consent import ConsentVersion


class Lead(models.Model):
    """One consultation request, typed field by field (never a JSON blob): personal data."""

    Channel = Channel

    class Status(models.TextChoices):
        NEW = "new", "New"
        # Sent without a valid form token (a key rotation, a stale page, or a script): a real
        # request until someone has looked, so the practice is notified.
        NEEDS_REVIEW = "needs_review", "Needs review"
        CONTACTED = "contacted", "Contacted"
        BOOKED = "booked", "Consultation booked"
        PATIENT = "patient", "Became a patient"
        LOST = "lost", "Lost"
        SPAM = "spam", "Spam"

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("Email")
        TEXT = "text", _("Text message")

    class BestTime(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning (9am to 12pm)")
        AFTERNOON = "afternoon", _("Afternoon (12pm to 5pm)")
        EVENING = "evening", _("Evening (5pm to 7pm)")

    class NotificationState(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failing, will retry"
        NOT_NEEDED = "not_needed", "Not needed"

    # What the patient sent.
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, blank=True)
    phone = PhoneNumberField(blank=True, help_text="Stored as E.164, e.g. +442079460321.")
    treatment = models.ForeignKey(
        "treatments.TreatmentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the patient was not sure yet, or the page was deleted since.",
    )
    # The page title when the request was sent, so renaming or deleting the page loses nothing.
    treatment_title = models.CharField(max_length=255, blank=True)
    # Which clinic the patient asked to be seen at, where the practice has several: it routes the
    # notification and decides which front desk sees the lead. A clinic with leads cannot be
    # deleted until they are moved (PROTECT): a lead must never lose its clinic unnoticed.
    clinic = models.ForeignKey(
        "clinics.ClinicPage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
        help_text="Empty for a practice with one clinic.",
    )
    preferred_contact = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    message = models.TextField(blank=True, max_length=2000)
    # The language of the page the form was sent from (its URL's): the patient's emails are written
    # in it, and the front desk knows which language to answer in.
    language = models.CharField(
        max_length=LANGUAGE_MAX_LENGTH, choices=language_choices, default=settings.LANGUAGE_CODE
    )

    # Consent exactly as the patient saw it: the version, and a copy of its words and number
    # (leads from before versions were kept in the database have the copy only).
    consent_wording = models.ForeignKey(
        ConsentVersion,
        verbose_name="consent version shown",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent_text = models.TextField()
    consent_version = models.CharField(max_length=40)
    consented_at = models.DateTimeField()
    # A request taken on the phone or at the desk: the patient agreed out loud to the same words,
    # and this is who heard it and recorded the lead. Empty when the patient ticked the form's box.
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="consent given verbally, recorded by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optional, separate consent to newsletters and offers; its wording and version only when given.
    marketing_consent = models.BooleanField("agreed to marketing", default=False)
    marketing_consent_text = models.TextField(blank=True)
    marketing_consent_version = models.CharField(max_length=40, blank=True)
    marketing_consented_at = models.DateTimeField(null=True, blank=True)

    # Attribution: where the visitor first arrived and where they sent the form from.
    landing_page = models.CharField(max_length=2000, blank=True)
    source_page = models.CharField(max_length=2000, blank=True)
    referrer = models.CharField(max_length=2000, blank=True)
    utm_source = models.CharField(max_length=200, blank=True)
    utm_medium = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)
    utm_term = models.CharField(max_length=200, blank=True)
    utm_content = models.CharField(max_length=200, blank=True)
    # Whichever ad click id arrived (gclid, fbclid, msclkid...): the parameter's name and its value.
    click_id_param = models.CharField("click id parameter", max_length=20, blank=True)
    click_id = models.CharField(max_length=255, blank=True)
    # Named from the fields above by leads.attribution.classify when the lead is created.
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.DIRECT, db_index=True)
    source = models.CharField(max_length=100, blank=True, db_index=True)
    # The class of device the form was sent from (practice.visitors), for conversion by device.
    device = models.CharField(max_length=10, choices=Device.choices, blank=True)

    # Abuse and duplicates. The IP address is only ever kept as a keyed hash, prefixed with the
    # version of its key ("v1:..."; "v0:" was made with SECRET_KEY before the hash had its own key).
    ip_hash = models.CharField(max_length=80, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )
    # Why the form's checks set it aside, as spam or for review (leads.abuse.SpamReason).
    spam_reason = models.CharField("screening reason", max_length=100, blank=True)

    # The front desk's work on it.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_leads",
    )
    follow_up_on = models.DateField(null=True, blank=True)
    lost_reason = models.CharField(max_length=255, blank=True)
    first_contacted_at = models.DateTimeField(null=True, blank=True)

    # Delivery of the practice's notification email.
    notification_state = models.CharField(
        max_length=10, choices=NotificationState.choices, default=NotificationState.PENDING
    )
    notification_attempts = models.PositiveSmallIntegerField(default=0)
    notified_at = models.DateTimeField(null=True, blank=True)
    # When the sweeper may next queue this notification again (backoff after failures).
    notification_next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The exception class of the last failure only: messages can echo addresses.
    notification_error = models.CharField(max_length=200, blank=True)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the personal data was erased (on request or by the retention command).
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            # The inbox filtered by language, newest first (frontdesk.viewsets' ordering): a few
            # Spanish leads among a million English ones are read from the index, not sorted from all.
            models.Index(fields=["language", "-created_at", "-id"], name="leads_lead_language_idx"),
            models.Index(fields=["email"]),
            # Repeat detection matches emails case-insensitively (email__iexact uses UPPER()).
            models.Index(Upper("email"), name="leads_lead_email_upper_idx"),
            models.Index(fields=["phone"]),
            models.Index(
                fields=["notification_next_attempt_at"],
                name="leads_notification_due_idx",
                condition=models.Q(notification_state__in=["pending", "failed"]),
            ),
            # The admin's filters and dashboard counts, fast at 100,000 leads.
            models.Index(fields=["follow_up_on"]),
            models.Index(fields=["utm_source"]),
            models.Index(fields=["utm_campaign"]),
            models.Index(fields=["updated_at"]),
        ]
        permissions = [("export_lead", "Can export leads")]

    def __str__(self):
        return f"{self.full_name} ({self.created_at:%d %b %Y})" if self.created_at else self.full_name

    def save(self, *args, **kwargs):
        # Every new lead is named by the one rule, whoever creates it (the form, imports, tests).
        if self._state.adding and not self.source:
            self.name_arrival()
        super().save(*args, **kwargs)

    def name_arrival(self):
        """Set `channel` and `source` from the attribution fields, by leads.attribution.classify."""
        arrival = arrival_of(self)
        self.channel, self.source = arrival.channel, arrival.source

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_repeat(self):
        return self.repeat_of_id is not None


class LeadEvent(models.Model):
    """One entry on a lead's timeline: who did what, when, and the status it moved between.

    Events outlive the lead's personal data: anonymising a lead clears `note` but keeps the rest,
    so the pipeline report still counts every move after a retention purge.
    """

    class Kind(models.TextChoices):
        STATUS = "status", "Status changed"
        ASSIGNED = "assigned", "Assigned"
        FOLLOW_UP = "follow_up", "Follow-up set"
        NOTE = "note", "Note"
        ANONYMISED = "anonymised", "Personal data erased"
        RECORDED = "recorded", "Recorded a call or visit, consent given verbally"
        # `note` names the fields corrected, never their old or new values.
        CORRECTED = "corrected", "Corrected contact details"
        # A consultation booked, cancelled or its outcome (appointments.booking); `note` gives when.
        APPOINTMENT = "appointment", "Consultation appointment"

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for the system (retention) or a user deleted since.",
    )
    from_status = models.CharField(max_length=20, choices=Lead.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Lead.Status.choices, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_up_on = models.DateField(null=True, blank=True)
    # Free text written by staff (a note, a lost reason): may hold personal data, cleared on erasure.
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["lead", "-created_at"]),
            models.Index(fields=["to_status", "created_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on lead {self.lead_id} at {self.created_at:%Y-%m-%d %H:%M}"
