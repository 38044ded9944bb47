"""Pages patients read: treatments, articles and the indexes that list them."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from practice.models import BasePage


class TreatmentPage(BasePage):
    """One treatment the practice offers, explained for patients."""

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown in listings and at the top."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("summary")]
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = "treatment page"
