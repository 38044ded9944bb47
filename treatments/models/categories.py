"""Treatment categories: the groups the treatments index lists treatments in."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail_localize.fields import SynchronizedField, TranslatableField

from practice.translated_snippets import TranslatableSnippet

# The treatments index lists treatments without a category under this slug and name (lazy: in the
# reader's language).
UNCATEGORISED_SLUG = "other"
UNCATEGORISED_NAME = _("Other treatments")


class TreatmentCategory(TranslatableSnippet, Orderable):
    """A group of treatments (skin tightening, injectables...), in the order editors set. Its name
    and description are translated; its slug and place in the order are the same in every language
    (a link to ?category=<slug> lists the same group under /es/ as in English)."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(
        max_length=80, help_text="Used in the treatments index's links: ?category=<slug>."
    )
    description = models.CharField(
        max_length=250, blank=True, help_text="One sentence shown under the category's heading."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableSnippet.Meta, Orderable.Meta):
        ordering = ["sort_order", "name"]
        # Names and slugs are unique in each language: a translation shares its source's slug.
        unique_together = [("translation_key", "locale"), ("locale", "name"), ("locale", "slug")]
        verbose_name = "treatment category"
        verbose_name_plural = "treatment categories"

    def __str__(self):
        return self.name

    def clean(self):
        if self.slug == UNCATEGORISED_SLUG:
            raise ValidationError(
                {"slug": f"“{UNCATEGORISED_SLUG}” lists the treatments without a category. Choose another."}
            )
