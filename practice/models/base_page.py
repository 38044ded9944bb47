"""The abstract page every public page type extends: search-engine and sharing details, breadcrumbs."""

import functools

from django.db import models
from django.db.models import Value
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

from compliance.forms import AdvertisingRulesPageForm
from compliance.services import AdvertisingRulesGateMixin

from .. import structured_data
from ..routing import restrictions_applying_to


class BasePage(AdvertisingRulesGateMixin, Page):
    """Fields every public page shares: search-engine and social-sharing details.

    Publishing is refused, by any route, when the content breaks a blocking advertising rule; in
    the page editor, as an error on the field or block that holds the words.
    """

    base_form_class = AdvertisingRulesPageForm

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared on social media (1200x630 works best).",
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description", heading="Meta description"),
                FieldPanel("social_image"),
            ],
            heading="Search engines and sharing",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="Navigation"),
    ]

    class Meta:
        abstract = True

    # Open Graph type; articles say "article".
    og_type = "website"

    @property
    def meta_title(self):
        return self.seo_title or self.title

    @property
    def share_image(self):
        """The image shown when the page is shared; page types with a hero image fall back to it."""
        return self.social_image

    @cached_property
    def breadcrumbs(self):
        """The pages from the site's home page (depth 2, under Wagtail's tree root) down to this one."""
        # Walking up through get_parent() reuses the parents that routing the request already loaded,
        # so a page served normally pays no query for its trail.
        trail = [self]
        while trail[0].depth > 2:
            trail.insert(0, trail[0].get_parent())
        return trail

    def get_view_restrictions(self):
        """The privacy restrictions that apply to this page, as Wagtail's own method finds them, in
        one query where Wagtail runs two on every view; none at all when routing found the page
        with `view_restricted` (`treatments.listing.find_child`) and it said there are none."""
        if getattr(self, "view_restricted", None) is False:
            return no_restrictions()
        return restrictions_applying_to(Value(self.path)).distinct()

    def get_structured_data(self, request):
        """JSON-LD objects that describe this page; page types add their own to the trail."""
        if len(self.breadcrumbs) < 2:
            return []
        return [structured_data.breadcrumb_list(self.breadcrumbs, request=request)]


@functools.cache
def no_restrictions():
    """An empty queryset of restrictions, already evaluated: Wagtail's serve hook iterates it, and
    iterating a fresh `.none()` compiles its SQL first (0.1-0.2 ms of a warm render), where this one
    answers from its empty result cache. Chained methods still make fresh querysets."""
    restrictions = PageViewRestriction.objects.none()
    list(restrictions)
    return restrictions
