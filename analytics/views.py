"""A page's own figures for the people who write it: its views and the requests it brought."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .conversion import page_figures

# Long enough to smooth out a quiet week, short enough to show what the latest edit changed.
FIGURES_DAYS = 30


class PageFiguresView(WagtailAdminTemplateMixin, TemplateView):
    """The last 30 days of one page, for anyone who may edit it; no lead's details, only counts."""

    template_name = "analytics/page_figures.html"
    header_icon = "crosshairs"

    @cached_property
    def page(self):
        page = get_object_or_404(Page, pk=self.kwargs["page_id"]).specific_deferred
        if not page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        return page

    def get_page_title(self):
        return f"Figures of {self.page.get_admin_display_title()}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": "Figures"},
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page": self.page,
            "figures": page_figures(self.page, FIGURES_DAYS),
            "days": FIGURES_DAYS,
        }
