"""Patient testimonials, each resting on the patient's recorded consent."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from compliance.services import refuse_publishing
from practice.translated_snippets import TranslatableSnippet, one_per_snippet


class TestimonialQuerySet(models.QuerySet):
    """Testimonials; the public sees every published one, never a selection."""

    def shown(self):
        """All published testimonials with consent recorded, newest first: no filter by rating or
        tone, and none left out for being untranslated (one row per testimonial; in_reading_language
        gives it the reader's words)."""
        return (
            one_per_snippet(self)
            .filter(live=True, consent_date__isnull=False)
            .exclude(consent_reference="")
            .select_related("treatment")
            .order_by("-consent_date", "-pk")
        )


class Testimonial(TranslatableSnippet, index.Indexed, models.Model):
    """What a patient said, in their words, and the consent that lets the practice publish it.

    The quote and attribution may be translated; the public sees a translation marked "Translated
    from <language>", and the words as the patient said them where there is none (docs/translations.md).
    Consent and publication are the source's, shared by every language.
    """

    quote = models.TextField(max_length=1000, help_text="The patient's words, unedited.")
    attribution = models.CharField(
        max_length=120, help_text="How the patient agreed to be named, e.g. 'Sarah, 42, Battersea'."
    )
    treatment = models.ForeignKey(
        "treatments.TreatmentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
    )
    consent_reference = models.CharField(
        max_length=40, blank=True, help_text="The reference of the signed consent form. Never a name."
    )
    consent_date = models.DateField(null=True, blank=True, help_text="The day the patient signed it.")
    live = models.BooleanField("published", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TestimonialQuerySet.as_manager()

    panels = [
        FieldPanel("quote"),
        FieldPanel("attribution"),
        FieldPanel("treatment"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("consent_reference"), FieldPanel("consent_date")])],
            heading="Consent",
        ),
        FieldPanel("live"),
    ]
    search_fields = [index.SearchField("quote"), index.AutocompleteField("attribution")]
    translatable_fields = [
        TranslatableField("quote"),
        TranslatableField("attribution"),
        SynchronizedField("treatment"),
        SynchronizedField("consent_reference"),
        SynchronizedField("consent_date"),
        SynchronizedField("live"),
    ]

    class Meta(TranslatableSnippet.Meta):
        ordering = ["-consent_date", "-pk"]

    def __str__(self):
        return f"{self.attribution}: {self.quote[:50]}"

    def clean(self):
        errors = {}
        if self.live and not self.consent_reference.strip():
            errors["consent_reference"] = "Record the patient's consent before publishing their testimonial."
        if self.live and not self.consent_date:
            errors["consent_date"] = "Record the date the patient gave consent before publishing."
        if self.consent_date and self.consent_date > timezone.localdate():
            errors["consent_date"] = "Consent cannot be dated in the future."
        errors.update(refuse_publishing(self))
        if errors:
            raise ValidationError(errors)
