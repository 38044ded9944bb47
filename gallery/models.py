"""Before-and-after gallery items, the consent each one rests on, and the page that lists them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from compliance.services import refuse_publishing
from practice.models import BasePage
from practice.translated_snippets import TranslatableSnippet, in_reading_language, one_per_snippet

from .forms import GalleryItemForm

RESULTS_VARY_NOTICE = _(
    "Individual results vary. These photos show one patient's result and are not a promise of yours."
)


class ConsentRecordQuerySet(models.QuerySet):
    def ended(self, today=None):
        """Consents revoked, or past their last day: their photos must no longer exist."""
        today = today or timezone.localdate()
        return self.filter(models.Q(revoked=True) | models.Q(expires_on__lt=today))


class ConsentRecord(models.Model):
    """A patient's signed consent to show their photos: who (by reference), where, and until when."""

    patient_reference = models.CharField(
        max_length=40,
        help_text="The patient's record number in the clinic's own system. Never their name.",
    )
    signed_on = models.DateField()
    scope_website = models.BooleanField("may be shown on the website", default=True)
    scope_social = models.BooleanField("may be shown on social media", default=False)
    expires_on = models.DateField(help_text="The last day the photos may be shown.")
    revoked = models.BooleanField(default=False)
    revoked_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsentRecordQuerySet.as_manager()

    panels = [
        FieldPanel("patient_reference"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("expires_on")]),
        MultiFieldPanel([FieldPanel("scope_website"), FieldPanel("scope_social")], heading="Scope"),
        FieldRowPanel([FieldPanel("revoked"), FieldPanel("revoked_on")], heading="Revocation"),
    ]

    class Meta:
        ordering = ["-signed_on"]

    def __str__(self):
        return f"Consent {self.patient_reference} signed {self.signed_on:%d %b %Y}"

    def label_without_reference(self):
        """How the record is named to staff who may not see patient references."""
        return f"Consent #{self.pk} signed {self.signed_on:%d %b %Y}, until {self.expires_on:%d %b %Y}"

    def clean(self):
        errors = {}
        if self.signed_on and self.expires_on and self.expires_on < self.signed_on:
            errors["expires_on"] = "Consent cannot expire before it was signed."
        if self.revoked and not self.revoked_on:
            errors["revoked_on"] = "Give the date the patient revoked their consent."
        if self.revoked_on and not self.revoked:
            errors["revoked"] = "Tick 'revoked' or clear the revocation date."
        if errors:
            raise ValidationError(errors)

    def has_ended(self, today=None):
        """Revoked, or past its last day (ConsentRecordQuerySet.ended, for one record)."""
        today = today or timezone.localdate()
        return self.revoked or self.expires_on < today

    def allows_website(self, today=None):
        """Signed, in scope for the website, not expired and not revoked on `today`."""
        today = today or timezone.localdate()
        return self.scope_website and not self.revoked and self.signed_on <= today <= self.expires_on


class GalleryItemQuerySet(models.QuerySet):
    """Gallery items, with the one rule about which of them the public may see."""

    def shown(self, today=None):
        """Published items whose consent covers the website today, one row per item whatever the
        languages it is translated into (in_reading_language gives it the reader's words); evaluated
        per request, never cached. Photos, consent, treatment and publication are the row's own, so
        a translation can never show an item its source does not."""
        today = today or timezone.localdate()
        return one_per_snippet(self).filter(
            live=True,
            treatment__live=True,
            before_image__isnull=False,
            after_image__isnull=False,
            consent__scope_website=True,
            consent__revoked=False,
            consent__signed_on__lte=today,
            consent__expires_on__gte=today,
        )

    def expired(self, today=None):
        """Published items whose consent has lapsed or been revoked: the daily command unpublishes them."""
        today = today or timezone.localdate()
        return self.filter(live=True).filter(
            models.Q(consent__revoked=True)
            | models.Q(consent__expires_on__lt=today)
            | models.Q(consent__scope_website=False)
        )

    def for_display(self):
        return self.select_related("before_image", "after_image", "treatment").order_by("sort_order", "-pk")


class GalleryItem(TranslatableSnippet, index.Indexed, models.Model):
    """One patient's before-and-after photos for one treatment, with the context a reader needs.

    Translatable (wagtail-localize's defaults): the title, alt texts, time since treatment and
    caption are words each language has; the photos, treatment, consent, sessions, publication and
    order are synchronised from the source, and the public sees an item through its source's.
    """

    title = models.CharField(max_length=120, help_text="For the admin list; not shown to the public.")
    treatment = models.ForeignKey(
        "treatments.TreatmentPage", on_delete=models.CASCADE, related_name="gallery_items"
    )
    # Empty once the consent ended and the photos were deleted (gallery.services.erase_photos).
    before_image = models.ForeignKey(
        "wagtailimages.Image", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    before_alt_text = models.CharField(max_length=250, help_text="Describe the 'before' photo.")
    after_image = models.ForeignKey(
        "wagtailimages.Image", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    after_alt_text = models.CharField(max_length=250, help_text="Describe the 'after' photo.")
    sessions = models.PositiveSmallIntegerField(default=1)
    time_since_treatment = models.CharField(
        max_length=80, help_text="When the 'after' photo was taken, e.g. '3 months after the last session'."
    )
    caption = models.TextField(
        max_length=500, help_text="Context a reader needs: age range, skin concern, anything else done."
    )
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="gallery_items")
    live = models.BooleanField(
        "published", default=True, help_text="Shown only while its consent also covers the website."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = GalleryItemQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("treatment"),
        FieldRowPanel([FieldPanel("before_image"), FieldPanel("before_alt_text")], heading="Before"),
        FieldRowPanel([FieldPanel("after_image"), FieldPanel("after_alt_text")], heading="After"),
        FieldRowPanel([FieldPanel("sessions"), FieldPanel("time_since_treatment")]),
        FieldPanel("caption"),
        FieldPanel("consent"),
        FieldRowPanel([FieldPanel("live"), FieldPanel("sort_order")]),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    base_form_class = GalleryItemForm

    class Meta(TranslatableSnippet.Meta):
        ordering = ["sort_order", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.before_image_id and self.before_image_id == self.after_image_id:
            errors["after_image"] = "Choose a different photo for 'after'."
        if self.live and not (self.before_image_id and self.after_image_id):
            errors["live"] = "Choose both photos before publishing this item."
        if self.live and self.consent_id and not self.consent.allows_website():
            errors["live"] = "The consent record does not cover the website today, so this cannot be shown."
        errors.update(refuse_publishing(self))
        if errors:
            raise ValidationError(errors)

    @property
    def results_vary_notice(self):
        return RESULTS_VARY_NOTICE

    def public_status(self):
        """For the admin list: whether the public sees the item today, and if not, why."""
        if not (self.before_image_id and self.after_image_id):
            return "Photos deleted: consent ended"
        if not self.live:
            return "Unpublished"
        return "Shown" if self.consent.allows_website() else "Hidden: consent lapsed or revoked"

    public_status.short_description = "On the website"


class GalleryIndexPage(BasePage):
    """All before-and-after photos the practice may show, filterable by treatment."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    max_count = 1
    subpage_types = []

    class Meta:
        verbose_name = "gallery index page"

    @cached_property
    def treatments_with_items(self):
        """Treatments that have at least one item shown today, for the filter links."""
        treatment_model = GalleryItem.treatment.field.related_model
        ids = GalleryItem.objects.shown().values("treatment_id")
        return treatment_model.objects.filter(pk__in=ids).order_by("title").only("id", "title", "slug")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = GalleryItem.objects.shown().for_display()
        selected = request.GET.get("treatment", "")
        if selected:
            items = items.filter(treatment__slug=selected)
        context.update(
            items=in_reading_language(items),
            selected_treatment=selected,
            results_vary_notice=RESULTS_VARY_NOTICE,
        )
        return context
