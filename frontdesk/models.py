"""What the front desk keeps of its own: spreadsheets of the inbox built in the background, and the
daily summary the lead report and the dashboard read."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LeadExport(models.Model):
    """A spreadsheet of the filtered inbox, written by the task queue for the one person who asked.

    The file lives in the row (a few megabytes for 90,000 leads), so every app server can hand it
    over and deleting the row deletes the file; rows past `expires_at` are deleted.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for its turn"
        RUNNING = "running", "Being written"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    export_format = models.CharField(max_length=4)
    # The inbox's query string (filters and search), cleared once the file is written: the search
    # words may be a patient's name.
    query = models.CharField(max_length=2000, blank=True)
    # The filters in words, for the audit entry written when the file is downloaded.
    filters = models.CharField(max_length=500)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    content = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        default_permissions = []  # the lead export permission governs it

    def __str__(self):
        return f"{self.export_format.upper()} export of {self.total} leads ({self.get_state_display()})"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def filename(self):
        return f"leads-{self.created_at:%Y-%m-%d-%H%M}.{self.export_format}"


class LeadDay(models.Model):
    """One day's lead figures (in the practice's time zone), per clinic, as the lead report adds
    them up: written by the worker (frontdesk.summaries) so a year's report reads a few hundred
    rows, whatever the number of leads.

    Saving or deleting one of the day's leads, their status moves or their consultations marks the
    day stale and counts a new version; the report reads a stale day live until it is summarised
    again, and a summary computed while the day changed is not kept (its version has moved on).
    """

    day = models.DateField(unique=True)
    stale = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=0)
    # {clinic id, or "" for leads with no clinic: frontdesk.summaries.Tally as JSON}
    clinics = models.JSONField(default=dict)
    summarised_at = models.DateTimeField(null=True)

    class Meta:
        default_permissions = []  # nobody edits it; the lead report shows what it holds

    def __str__(self):
        return f"Leads of {self.day:%Y-%m-%d}{' (stale)' if self.stale else ''}"


class OpenLeads(models.Model):
    """How many of a summarised day's requests at one clinic are open now (new, needing review,
    contacted or booked), by status and follow-up date: the dashboard's counts of past days,
    added up in SQL with the same filters as the leads (frontdesk.dashboard). Written with the
    day's summary, read only while it is fresh."""

    summary = models.ForeignKey(LeadDay, on_delete=models.CASCADE, related_name="open_leads")
    # The lead's clinic, or None for leads with no clinic (a plain number, like the summary's keys).
    clinic_id = models.PositiveIntegerField(null=True)
    status = models.CharField(max_length=20)
    follow_up_on = models.DateField(null=True)
    leads = models.PositiveIntegerField()

    class Meta:
        default_permissions = []
        # The menu item's count reads the waiting statuses' rows, the dashboard's overdue count
        # the past follow-up dates': each an index range rather than every row.
        indexes = [
            models.Index(fields=["status"], name="frontdesk_openleads_status"),
            models.Index(fields=["follow_up_on"], name="frontdesk_openleads_follow_up"),
        ]

    def __str__(self):
        return f"{self.leads} {self.status} of {self.summary.day:%Y-%m-%d}"
