"""The consent wording the consultation form asks for: append-only versions, each kept for the
leads that saw it."""

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import Truncator

# The wording the form showed before it was edited in the admin: version 1 (migration 0012), and
# what a database without any version (a test run's flushed tables) starts from.
FIRST_CONSENT_TEXT = (
    "I agree that the practice may store these details and use them to contact me about "
    "my consultation request, as described in the privacy notice."
)
# The newest wording as blank forms show it, in the default cache (shared by every process) until a
# version is added: publishing a page empties the render memos but changes no wording. The timeout
# bounds how long a read racing the addition of a version can keep the one before.
SHOWN_KEY = "consent-version:shown"
SHOWN_SECONDS = 600


class ConsentVersionQuerySet(models.QuerySet):
    def current(self):
        """The newest wording: the one the consultation form shows now."""
        current = self.order_by("-number").first()
        if current is None:
            current, _ = self.get_or_create(number=1, defaults={"text": FIRST_CONSENT_TEXT})
        return current


class ConsentVersion(models.Model):
    """One wording of the consent to be contacted that the consultation form asks for.

    Append-only: a change of wording is a new version, and a version is never changed or deleted,
    so every lead can point at the exact words the patient agreed to (they also keep a copy).
    """

    number = models.PositiveIntegerField("version", unique=True, editable=False)
    text = models.TextField(
        "wording",
        max_length=1000,
        help_text="Shown beside the box the patient ticks. Plain text; the form links the privacy notice.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for the first version, made by the migration, or a user deleted since.",
    )

    objects = ConsentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = "consent wording"
        verbose_name_plural = "consent wording"
        # Staff may add a version and read them all; nobody may change or delete one.
        default_permissions = ["add", "view"]

    def __str__(self):
        return f"Version {self.number} ({self.created_at:%d %b %Y})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A consent version is never changed: add a new version instead.")
        if self.number is not None:
            return super().save(*args, **kwargs)
        # The next number; two staff saving at once collide on the unique number, and one retries.
        for _attempt in range(3):
            self.number = (ConsentVersion.objects.aggregate(models.Max("number"))["number__max"] or 0) + 1
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                continue
        raise IntegrityError("Could not number the new consent version; please save it again.")

    def delete(self, *args, **kwargs):
        raise ValueError("A consent version is never deleted: leads record the words they were shown.")

    @admin.display(description="wording")
    def first_words(self):
        return Truncator(self.text).words(14)


def wording_to_show():
    """The newest version, for a blank form: read from the database only once a version is added."""
    version = cache.get(SHOWN_KEY)
    if version is None:
        version = ConsentVersion.objects.current()
        cache.set(SHOWN_KEY, version, SHOWN_SECONDS)
    return version


def forget_wording_shown(**kwargs):
    """A version was added: blank forms show it from the next render, in every process."""
    cache.delete(SHOWN_KEY)
    transaction.on_commit(lambda: cache.delete(SHOWN_KEY))
