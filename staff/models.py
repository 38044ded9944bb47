"""What staff sign-in remembers: failed attempts per username, and what was done to accounts' sign-in."""

from django.conf import settings
from django.db import models


class FailedSignIn(models.Model):
    """One failed password for a username, from any address: counted for the per-username lockout."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.username} at {self.at:%Y-%m-%d %H:%M}"


class AccountAction(models.TextChoices):
    UNLOCKED = "unlocked", "Unlocked sign-in"
    SECOND_FACTOR_RESET = "second_factor_reset", "Reset two-factor sign-in"
    PASSKEY_ADDED = "passkey_added", "Added a passkey"
    PASSKEY_REMOVED = "passkey_removed", "Removed a passkey"


class StaffAccountEvent(models.Model):
    """An administrator unlocked a colleague or reset their second factor, or someone added or removed
    a passkey of their own: who, whom, what, when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Names are kept as text too, so the record outlives a deleted account.
    actor_username = models.CharField(max_length=150)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_username = models.CharField(max_length=150)
    action = models.CharField(max_length=32, choices=AccountAction.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.actor_username}: {self.get_action_display()} for {self.subject_username}"

    @classmethod
    def record(cls, *, actor, subject, action):
        return cls.objects.create(
            actor=actor,
            actor_username=actor.get_username(),
            subject=subject,
            subject_username=subject.get_username(),
            action=action,
        )


class ClinicMembership(models.Model):
    """A staff member works at a clinic: where the practice has several, a front desk sees only the
    leads of its own clinics (leads.querysets.LeadQuerySet.visible_to, docs/clinics.md)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_memberships"
    )
    # Deleting a clinic ends its team's membership; its leads are protected by their own link.
    clinic = models.ForeignKey("clinics.ClinicPage", on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        ordering = ["clinic__title", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "clinic"], name="staff_one_membership_per_clinic")
        ]
        # Practice managers hold this (superusers have every permission): they see every clinic's leads.
        permissions = [("see_every_clinic", "Can see the leads of every clinic")]

    def __str__(self):
        return f"{self.user.get_username()} at {self.clinic.title}"
