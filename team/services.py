"""Questions asked of clinical review across every kind of page that carries one."""

import datetime

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from .models import ClinicallyReviewedMixin


def reviewed_page_models():
    """Every concrete page model that mixes in ClinicallyReviewedMixin, whichever app declares it."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ClinicallyReviewedMixin) and issubclass(model, Page)
    ]


def pages_due_for_review(*, today=None, within_days=ClinicallyReviewedMixin.DUE_SOON_DAYS):
    """Pages never reviewed, overdue, or due within `within_days`, the most urgent first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    due = Q(next_review_due__isnull=True) | Q(next_review_due__lte=horizon)
    pages = {}
    for model in reviewed_page_models():
        for page in model.objects.filter(due).select_related("reviewed_by"):
            pages[page.pk] = page
    return sorted(pages.values(), key=lambda page: (page.next_review_due or datetime.date.min, page.title))
