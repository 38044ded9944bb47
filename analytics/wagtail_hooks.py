"""Editors see their own page's figures: a line in the page editor's menu, and a page of them."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from .conversion import page_figures
from .views import FIGURES_DAYS, PageFiguresView


@hooks.register("register_admin_urls")
def register_page_figures_url():
    return [path("pages/<int:page_id>/figures/", PageFiguresView.as_view(), name="analytics_page_figures")]


class PageFiguresButton(PageMenuItem):
    """ "30 days: 120 views, 3 requests" in the editor's header menu, for those who may edit the page."""

    icon_name = "crosshairs"

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()

    @cached_property
    def label(self):
        # Counted only when the button is shown (three small queries on indexed columns).
        figures = page_figures(self.page, FIGURES_DAYS)
        return f"{FIGURES_DAYS} days: {figures.views} views, {figures.requests} requests"

    @cached_property
    def url(self):
        return reverse("analytics_page_figures", args=[self.page.pk])


@hooks.register("register_page_header_buttons")
def page_figures_button(page, user, view_name, next_url=None):
    if view_name == "edit":
        yield PageFiguresButton(page=page, priority=80)
