"""The consent wording the consultation form asks for, in each language: append-only versions, each
kept for the leads that saw it."""

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop

from practice.signals import purge_after_commit

from ..languages import LANGUAGE_MAX_LENGTH, active_language, language_choices

# The wording the form showed before it was edited in the admin: version 1 (migration 0012), and
# what a database without any version (a test run's flushed tables) starts from.
# Marked for the catalogues: a language without a wording of its own starts from its translation.
FIRST_CONSENT_TEXT = gettext_noop(
    "I agree that the practice may store these details and use them to contact me about "
    "my consultation request, as described in the privacy notice."
)
# The optional marketing box's wording as the site ships it, used while LEADS_MARKETING_CONSENT_TEXT
# is empty (its default): marked for the catalogues, so every language's form shows it in its own.
SHIPPED_MARKETING_TEXT = gettext_noop(
    "I would also like occasional news and offers from the practice by email (optional)."
)
# The newest wording as blank forms show it, in the default cache (shared by every process) until a
# version is added: publishing a page empties the render memos but changes no wording. The timeout
# bounds how long a read racing the addition of a version can keep the one before.
SHOWN_KEY = "consent-version:shown"
SHOWN_SECONDS = 600


class ConsentVersionQuerySet(models.QuerySet):
    def current(self, language=None):
        """The wording the consultation form shows now in `language` (the site's default language
        when not given): the language's newest, unless the default language's wording has changed
        since (a translation of words no longer used); else the default language's, translated
        from the catalogue while it is the wording the site shipped with; else the default
        language's as it is (the form says it is not translated)."""
        default = self.newest(settings.LANGUAGE_CODE)
        if default is None:
            default, _ = self.get_or_create(
                number=1, defaults={"text": FIRST_CONSENT_TEXT, "language": settings.LANGUAGE_CODE}
            )
        language = language or settings.LANGUAGE_CODE
        if language == default.language:
            return default
        own = self.newest(language)
        if own is not None and own.number > default.number:
            return own
        if default.text == FIRST_CONSENT_TEXT:
            with translation.override(language):
                translated = gettext(FIRST_CONSENT_TEXT)
            if translated != FIRST_CONSENT_TEXT:
                # Kept as a version of its own, so a lead points at the exact words it was shown.
                version = self.model(text=translated, language=language)
                version.from_catalogue = True
                version.save()
                return version
        return default

    def newest(self, language):
        """The latest version written in `language`, or None."""
        return self.filter(language=language).order_by("-number").first()


class ConsentVersion(models.Model):
    """One wording of the consent to be contacted that the consultation form asks for.

    Append-only: a change of wording is a new version, and a version is never changed or deleted,
    so every lead can point at the exact words the patient agreed to (they also keep a copy).
    """

    # Numbered across languages, so a number alone names the words a form showed.
    number = models.PositiveIntegerField("version", unique=True, editable=False)
    language = models.CharField(
        max_length=LANGUAGE_MAX_LENGTH,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text="The language of the patients who are shown this wording.",
    )
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
        return f"Version {self.number}, {self.get_language_display()} ({self.created_at:%d %b %Y})"

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


def marketing_wording():
    """The marketing box's wording in the active language, as the form shows it and a lead that
    ticked it keeps: the shipped wording in the catalogue's translation, or the practice's own words
    (LEADS_MARKETING_CONSENT_TEXT) as written. Its version (LEADS_MARKETING_CONSENT_VERSION) names
    the words in every language; the lead's language says which."""
    return settings.LEADS_MARKETING_CONSENT_TEXT or gettext(SHIPPED_MARKETING_TEXT)


def shown_key(language):
    return f"{SHOWN_KEY}:{language}"


def wording_to_show():
    """The current version in the active language, for a blank form: read from the database only
    once a version is added."""
    language = active_language()
    version = cache.get(shown_key(language))
    if version is None:
        version = ConsentVersion.objects.current(language)
        cache.set(shown_key(language), version, SHOWN_SECONDS)
    return version


def purge_pages_showing_wording(sender, instance, **kwargs):
    """A new wording empties the page cache: cached pages would show the old words (their forms
    still record the version they show). Not a catalogue translation saved on its language's first
    form: no page showed other words in that language, and every page would be rendered again."""
    if not getattr(instance, "from_catalogue", False):
        purge_after_commit()


def forget_wording_shown(**kwargs):
    """A version was added: blank forms show it from the next render, in every process. Every
    language's: a new wording in the default language stops its translations being shown."""
    keys = [shown_key(code) for code, _name in settings.LANGUAGES]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
