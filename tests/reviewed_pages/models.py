"""A concrete page with clinical review, so the mixin and the report are tested without treatments."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from practice.models import BasePage
from team.models import ClinicallyReviewedMixin


class ReviewedPage(ClinicallyReviewedMixin, BasePage):
    """A health page with a body and its clinical review."""

    body = models.TextField(blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body"), *ClinicallyReviewedMixin.review_panels]
