"""Site-wide models: the abstract base page, home and standard pages, and practice details."""

import copy

from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.search import index

from compliance.forms import AdvertisingRulesPageForm
from compliance.services import AdvertisingRulesGateMixin

from . import contact, structured_data
from .blocks import BaseStreamBlock
from .memo import memoised


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
        with `view_restricted` (`treatments.models.find_child`) and it said there are none."""
        if getattr(self, "view_restricted", None) is False:
            return PageViewRestriction.objects.none()
        return restrictions_applying_to(Value(self.path)).distinct()

    def get_structured_data(self, request):
        """JSON-LD objects that describe this page; page types add their own to the trail."""
        if len(self.breadcrumbs) < 2:
            return []
        return [structured_data.breadcrumb_list(self.breadcrumbs, request=request)]


def restrictions_applying_to(path):
    """PageViewRestriction rows that apply to the page at `path` (an SQL expression): on the page or
    an ancestor, whose paths are prefixes of it, or on the source page of either when it is an alias."""
    return PageViewRestriction.objects.filter(
        Q(page__path=Substr(path, 1, Length("page__path")))
        | Q(page__aliases__path=Substr(path, 1, Length("page__aliases__path")))
    )


def view_restricted():
    """An annotation for a page queryset: whether any privacy restriction applies to each page."""
    return Exists(restrictions_applying_to(OuterRef("path")))


def live_children(request, parent):
    """The live children of `parent` in tree order, as generic pages, found once per process and
    cache generation (publishing, moving or deleting a page moves the generation on): the home page
    routes to its sections through them and the main menu lists them, in one query for both."""
    return memoised(request, f"live-children:{parent.pk}", lambda: find_live_children(parent))


def find_live_children(parent):
    """The live children of `parent`, each knowing its parent (breadcrumbs walk up through it)."""
    # Generic pages: joining every page type's table to have them specific in the same query makes
    # PostgreSQL, on tables too small to have statistics, estimate millions of rows and JIT-compile.
    children = list(parent.get_children().live())
    for child in children:
        child._cached_parent_obj = parent
    return children


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
            # The site's sections (treatments, articles, team...) are found once per process and
            # cache generation: publishing, moving or deleting a page moves the generation on.
            slug = path_components[0]
            section = next((page for page in live_children(request, self) if page.slug == slug), None)
            if section is not None:
                if path_components[1:]:
                    # Only routed through to a page below it: its type's route() and the fields every
                    # page has (breadcrumbs show its title and URL) are all that is read, no query.
                    section = self.parent_of(section.specific_deferred)
                else:
                    section = memoised(
                        request, f"section:{section.pk}", lambda: self.parent_of(section.specific)
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
        """The featured pages that are live, in the editor's order, in one query."""
        items = self.featured_items.select_related("linked_page").filter(linked_page__live=True)
        return [item.linked_page.specific_deferred for item in items]


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


class OpeningHoursBlock(blocks.StructBlock):
    """The hours the practice is open on a range of days."""

    days = blocks.MultipleChoiceBlock(
        choices=[
            ("Monday", "Monday"),
            ("Tuesday", "Tuesday"),
            ("Wednesday", "Wednesday"),
            ("Thursday", "Thursday"),
            ("Friday", "Friday"),
            ("Saturday", "Saturday"),
            ("Sunday", "Sunday"),
        ]
    )
    opens = blocks.TimeBlock()
    closes = blocks.TimeBlock()

    class Meta:
        icon = "time"
        label = "Opening hours"


@register_setting(icon="site")
class PracticeSettings(BaseSiteSetting):
    """The practice's public details, shown in the header and footer and in structured data."""

    name = models.CharField(max_length=120, default="Our practice")
    tagline = models.CharField(max_length=160, blank=True)
    phone = models.CharField(max_length=40, blank=True, help_text="As patients should dial it.")
    email = models.EmailField(blank=True)
    street_address = models.CharField(max_length=200, blank=True)
    locality = models.CharField("town or city", max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True, default="GB", help_text="Two-letter ISO code.")
    opening_hours = StreamField([("hours", OpeningHoursBlock())], blank=True)
    facebook_url = models.URLField(blank=True)
    instagram_url = models.URLField(blank=True)
    x_url = models.URLField("X (Twitter) URL", blank=True)
    linkedin_url = models.URLField("LinkedIn URL", blank=True)
    youtube_url = models.URLField("YouTube URL", blank=True)
    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer and beside the consent box of the consultation form.",
    )
    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer of every page.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("tagline")], heading="Practice"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("locality"),
                FieldPanel("region"),
                FieldPanel("postal_code"),
                FieldPanel("country"),
            ],
            heading="Address",
        ),
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading="Social profiles",
        ),
        MultiFieldPanel(
            [PageChooserPanel("privacy_notice_page"), PageChooserPanel("accessibility_statement_page")],
            heading="Privacy and accessibility",
        ),
    ]

    class Meta:
        verbose_name = "practice details"

    @classmethod
    def for_request(cls, request):
        """The request's site's details, read once per process until the next purge (every page's
        header and footer show them); each request gets its own copy."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            # Each read also refreshes the copy error pages show when the database is down.
            shared = memoised(request, f"practice-settings:{site.pk}", lambda: cls.shared_for_site(site))
            details = copy.copy(shared)
            details._request = request
            setattr(request, attr_name, details)
        return getattr(request, attr_name)

    @classmethod
    def shared_for_site(cls, site):
        """The site's details with the policy pages' URLs resolved, to be memoised and copied per
        request (a copy carries them along, so every footer links them without a query)."""
        details = contact.remember(cls.for_site(site))
        details.privacy_notice_url, details.accessibility_statement_url  # noqa: B018
        return details

    def __str__(self):
        return self.name

    @cached_property
    def privacy_notice_url(self):
        return self._live_page_url(self.privacy_notice_page)

    @cached_property
    def accessibility_statement_url(self):
        return self._live_page_url(self.accessibility_statement_page)

    @staticmethod
    def _live_page_url(page):
        return page.url if page is not None and page.live else ""

    @property
    def address_lines(self):
        parts = [self.street_address, self.locality, self.region, self.postal_code]
        return [part for part in parts if part]

    @property
    def social_links(self):
        """(label, url) for each profile the practice has, in a stable order."""
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("X", self.x_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]

    @property
    def phone_href(self):
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
