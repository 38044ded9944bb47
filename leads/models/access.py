"""The access trail's rows: who looked at, exported, emailed or erased which leads
(leads/audit.py writes them)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LeadAccess(models.Model):
    """One look at, export of, or email about lead data: who, when and which leads, never the data itself.

    Kept when leads are erased or purged: the leads it is about are plain numbers (`leads`, rows of
    LeadAccessLead) rather than foreign keys, and the summary holds only filters, formats and counts.
    """

    class Kind(models.TextChoices):
        VIEWED = "viewed", "Viewed a lead"
        LISTED = "listed", "Listed or searched leads"
        LIST_EXPORTED = "list_exported", "Exported the lead list"
        PERSON_EXPORTED = "person_exported", "Exported a person's data"
        BULK_ACTION = "bulk_action", "Bulk action on leads"
        EMAILED = "emailed", "Email sent about a lead"
        ERASED = "erased", "Erased personal data"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The staff member's name at the time, so the entry still says who after their account is deleted.
    actor_name = models.CharField("by", max_length=150, blank=True)
    lead_count = models.PositiveIntegerField("leads", default=0)
    summary = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField("when", default=timezone.now, db_index=True)
    # The hash chain (leads.audit): sealed after commit, each entry's digest covers its content and
    # the digest before it, so an entry changed or deleted later breaks the chain from there on.
    sequence = models.PositiveBigIntegerField(null=True, blank=True, unique=True, editable=False)
    digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "lead data access"
        verbose_name_plural = "lead data access"
        # Entries are written by the code that reads the data, and never changed or deleted in the admin.
        default_permissions = ["view"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.actor_name or 'the system'} ({self.created_at:%d %b %Y %H:%M})"

    @property
    def lead_ids(self):
        """The numbers of the leads this entry is about, in order (prefetch `leads` when listing)."""
        return sorted(lead.lead_id for lead in self.leads.all())


class LeadAccessLead(models.Model):
    """One lead an access entry is about, by number: a plain indexed integer, never a foreign key,
    so the entry outlives the lead's erasure or deletion.

    A table rather than a PostgreSQL array, so the trail works on SQLite too (`make run`).
    """

    access = models.ForeignKey(LeadAccess, on_delete=models.CASCADE, related_name="leads")
    lead_id = models.PositiveBigIntegerField("lead number", db_index=True)

    class Meta:
        verbose_name = "lead in an access entry"
        verbose_name_plural = "leads in access entries"
        default_permissions = []  # read only through LeadAccess
        constraints = [models.UniqueConstraint(fields=["access", "lead_id"], name="leads_access_lead_once")]

    def __str__(self):
        return f"#{self.lead_id}"
