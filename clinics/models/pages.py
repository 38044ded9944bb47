"""Clinic pages: the list of the practice's clinics, one page per clinic, and price lists."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Site
from wagtail.search import index

from practice.contact import phone_href
from practice.hours import WEEK, Weekday
from practice.languages import source_root
from practice.memo import memoised_fragment
from practice.models import BasePage, PostalAddressFields
from practice.routing import live_children
from treatments.listing import prefetch_renditions

from .. import structured_data
from ..forms import ClinicPageForm
from .prices import ClinicPrice, by_treatment


class ClinicIndexPage(BasePage):
    """The practice's clinics, each with its address, phone and a link to its page."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["practice.HomePage"]
    subpage_types = ["clinics.ClinicPage", "clinics.PriceListPage"]
    max_count = 1

    class Meta:
        verbose_name = "clinics index page"

    @classmethod
    def for_request(cls, request):
        """The site's live clinics index, or None (a practice with one clinic): found among the
        source-language home page's live children, which routing and the menu have already loaded, so
        no query. Not the translated home's: a Spanish page's form asks which clinic too, whether or
        not the clinics pages are translated."""
        site = Site.find_for_request(request) if request else None
        if site is None:
            return None
        home = source_root(request, site.root_page)
        return next((page for page in live_children(request, home) if page.specific_class is cls), None)

    @cached_property
    def clinics(self):
        return list(ClinicPage.objects.child_of(self).live().order_by("path"))

    @cached_property
    def price_list(self):
        """The practice's live price list page, or None."""
        return PriceListPage.objects.child_of(self).live().first()


class ClinicPage(PostalAddressFields, BasePage):
    """One clinic: where it is, how to get there, when it is open, what it offers.

    A page rather than a snippet: each clinic needs its own URL for patients and search engines,
    its own search and sharing details and JSON-LD, and the editors' draft, review and publishing
    workflow (with the advertising-rules check its prices must pass).
    """

    base_form_class = ClinicPageForm

    intro = models.TextField(blank=True, max_length=400, help_text="A sentence or two about this clinic.")
    phone = models.CharField(max_length=40, blank=True, help_text="As patients should dial it.")
    email = models.EmailField(
        blank=True, help_text="Shown to patients; consultation requests for this clinic go here too."
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    directions = models.TextField(blank=True, help_text="How to find the door once in the street.")
    transport = models.TextField("public transport", blank=True)
    parking = models.TextField(blank=True)
    accessibility = models.TextField(
        "accessibility of the premises",
        blank=True,
        help_text="Step-free access, lifts, toilets, hearing loops.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        PostalAddressFields.address_panel,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading="Map position",
            help_text="For the OpenStreetMap link and search engines; find it on openstreetmap.org.",
        ),
        InlinePanel("opening_hours", heading="Opening hours", label="Hours on a weekday"),
        InlinePanel("special_hours", heading="Closures and special hours", label="Closure or special hours"),
        MultiFieldPanel(
            [
                FieldPanel("directions"),
                FieldPanel("transport"),
                FieldPanel("parking"),
                FieldPanel("accessibility"),
            ],
            heading="Getting here",
        ),
        InlinePanel("photos", heading="Photos", label="Photo"),
        InlinePanel("prices", heading="Treatments and prices", label="Treatment"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("locality"),
        index.SearchField("postal_code"),
    ]

    parent_page_types = ["clinics.ClinicIndexPage"]
    subpage_types = ["clinics.PriceListPage"]

    class Meta:
        verbose_name = "clinic page"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": "Give both the latitude and the longitude, or neither."})

    @property
    def phone_href(self):
        return phone_href(self.phone)

    def inbox(self, practice_inbox):
        """Where this clinic's consultation requests are emailed: its own address, or else the
        practice's inbox (`practice_inbox`, which leads work out; clinics sit below leads)."""
        return [self.email] if self.email else list(practice_inbox)

    @property
    def map_url(self):
        """A plain link to the clinic on OpenStreetMap: nothing is embedded or loaded from it."""
        if self.latitude is not None and self.longitude is not None:
            query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
            return f"https://www.openstreetmap.org/?{query}#map=17/{self.latitude}/{self.longitude}"
        if self.address_lines:
            return "https://www.openstreetmap.org/search?" + urlencode(
                {"query": ", ".join(self.address_lines)}
            )
        return ""

    @cached_property
    def weekly_hours(self):
        """(weekday's name, [hours, ...]) for every day of the week, Monday first; no hours is closed.
        The name is a lazy translation, written in the language the page is rendered in."""
        rows = list(self.opening_hours.all())
        return [
            (
                Weekday(day).label,
                sorted((row for row in rows if row.weekday == day), key=lambda row: row.opens),
            )
            for day in WEEK
        ]

    @cached_property
    def upcoming_special_hours(self):
        """Closures and special hours not over yet, soonest first (the page cache keeps a page no
        longer than the day it was rendered)."""
        # Filtered here, not with the manager's upcoming(): in a preview these rows live only in memory.
        today = timezone.localdate()
        rows = [row for row in self.special_hours.all() if row.last_day >= today]
        return sorted(rows, key=lambda row: row.starts)

    @cached_property
    def shown_photos(self):
        """The photos with their images, and the images' renditions in one query."""
        photos = list(self.photos.select_related("image").all())
        prefetch_renditions(photo.image for photo in photos)
        return photos

    @cached_property
    def treatments_offered(self):
        """(treatment, [price, ...]) for each live treatment this clinic offers, by title."""
        # From the page's own rows, not ClinicPrice.objects: a preview shows the unsaved ones.
        prices = [price for price in self.prices.select_related("treatment") if price.treatment.live]
        return by_treatment(sorted(prices, key=lambda price: price.treatment.title))

    @cached_property
    def price_list(self):
        """This clinic's live price list page, or None."""
        return PriceListPage.objects.child_of(self).live().first()

    def get_structured_data(self, request):
        # Built once per process until a purge of pages, links or settings, like the page's memoised parts.
        clinic = memoised_fragment(
            request, f"clinic-json-ld:{self.pk}", lambda: structured_data.clinic(self, request=request)
        )
        return [*super().get_structured_data(request), clinic]


class ClinicPhoto(Orderable):
    """A photo of the clinic (the door, reception, a treatment room), described for people who
    cannot see it."""

    clinic = ParentalKey(ClinicPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(max_length=250, help_text="Describe the photo for people who cannot see it.")
    caption = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    def __str__(self):
        return self.alt_text


class PriceListPage(BasePage):
    """Prices grouped by treatment: a clinic's, under its page, or every clinic's side by side,
    under the clinics index."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["clinics.ClinicIndexPage", "clinics.ClinicPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "price list page"

    @cached_property
    def clinic(self):
        """The clinic whose prices this lists, or None for the practice's list of every clinic."""
        parent = self.get_parent().specific_deferred
        return parent if isinstance(parent, ClinicPage) else None

    @cached_property
    def groups(self):
        """(treatment, [price, ...]) for every live treatment with a price at a live clinic."""
        prices = ClinicPrice.objects.shown()
        if self.clinic:
            prices = prices.filter(clinic=self.clinic)
        else:
            prices = prices.filter(clinic__path__startswith=self.get_parent().path)
        return by_treatment(prices)
