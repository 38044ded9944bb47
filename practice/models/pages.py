"""The practice's own page types: the home page and standard pages."""

import copy

from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BaseStreamBlock
from ..cache import PAGES
from ..memo import memoised
from ..routing import live_children
from .base_page import BasePage


class HomePage(BasePage):
    """The practice's front page: a hero, an introduction and featured pages."""

    hero_heading = models.CharField(max_length=120)
    hero_text = models.TextField(blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_button_label = models.CharField(max_length=60, default="Book a consultation")
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_button_label"),
            ],
            heading="Hero",
        ),
        FieldPanel("intro"),
        InlinePanel("featured_items", heading="Featured pages", label="Featured page", max_num=6),
        FieldPanel("body"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        if path_components:
            # The site's sections (treatments, articles, team...) are found once per process until
            # a purge of links (practice.routing.live_children).
            slug = path_components[0]
            section = next((page for page in live_children(request, self) if page.slug == slug), None)
            if section is not None:
                if path_components[1:]:
                    # Only routed through to a page below it: its type's route() and the fields every
                    # page has (breadcrumbs show its title and URL) are all that is read, no query.
                    section = self.parent_of(section.specific_deferred)
                else:
                    # get_specific(), not .specific: that is kept on the memoised child, read
                    # before the section's last publish.
                    section = memoised(
                        request,
                        f"section:{section.pk}",
                        lambda: self.parent_of(section.get_specific()),
                        shows=(PAGES,),
                    )
                # A copy per request, so nothing a request caches on the page is shared.
                return copy.copy(section).route(request, path_components[1:])
        return super().route(request, path_components)

    def parent_of(self, child):
        """`child`, knowing this page as its parent (breadcrumbs walk up through it)."""
        child._cached_parent_obj = self
        return child

    @cached_property
    def featured_pages(self):
        """The featured pages that are live, in the editor's order, each as its live translation in
        this home page's language where there is one (a translated home's items still point at the
        pages they were copied with): one query, and one more for the translations only when a
        featured page is in another language."""
        pages = [
            item.linked_page
            for item in self.featured_items.select_related("linked_page").filter(linked_page__live=True)
        ]
        elsewhere = {page.translation_key for page in pages if page.locale_id != self.locale_id}
        if elsewhere:
            translations = {
                page.translation_key: page
                for page in Page.objects.live().filter(
                    locale_id=self.locale_id, translation_key__in=elsewhere
                )
            }
            pages = [translations.get(page.translation_key, page) for page in pages]
        return [page.specific_deferred for page in pages]


class HomePageFeaturedItem(Orderable):
    """One page an editor features on the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    linked_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("linked_page")]

    def __str__(self):
        return str(self.linked_page)


class StandardPage(BasePage):
    """A plain content page: about us, contact, privacy policy."""

    intro = models.TextField(blank=True, max_length=400)
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "standard page"
