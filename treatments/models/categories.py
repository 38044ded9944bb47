"""Treatment categories: the groups the treatments index lists treatments in."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

# The treatments index lists treatments without a category under this slug and name.
UNCATEGORISED_SLUG = "other"
UNCATEGORISED_NAME = "Other treatments"


class TreatmentCategory(Orderable):
    """A group of treatments (skin tightening, injectables...), in the order editors set."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in the treatments index's links: ?category=<slug>."
    )
    description = models.CharField(
        max_length=250, blank=True, help_text="One sentence shown under the category's heading."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = "treatment category"
        verbose_name_plural = "treatment categories"

    def __str__(self):
        return self.name

    def clean(self):
        if self.slug == UNCATEGORISED_SLUG:
            raise ValidationError(
                {"slug": f"“{UNCATEGORISED_SLUG}” lists the treatments without a category. Choose another."}
            )
