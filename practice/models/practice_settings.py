"""The practice's public details (a site setting): name, contact, address, opening hours, policy pages."""

import copy

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from .. import contact
from ..cache import LINKS, SETTINGS
from ..hours import Weekday, inverted_times_error, overlapping_days
from ..memo import memoised
from .address import PostalAddressFields


class OpeningHoursBlock(blocks.StructBlock):
    """The hours the practice is open on a range of days."""

    days = blocks.MultipleChoiceBlock(choices=Weekday.choices)
    opens = blocks.TimeBlock()
    closes = blocks.TimeBlock()

    class Meta:
        icon = "time"
        label = "Opening hours"

    def clean(self, value):
        value = super().clean(value)
        error = inverted_times_error(value["opens"], value["closes"])
        if error:
            raise StructBlockValidationError(block_errors={"closes": ValidationError(error)})
        return value


class OpeningHoursStreamBlock(blocks.StreamBlock):
    """The practice's weekly hours: spans on the same day may not overlap."""

    hours = OpeningHoursBlock()

    def clean(self, value):
        value = super().clean(value)
        spans = [
            (day, block.value["opens"], block.value["closes"])
            for block in value
            for day in block.value["days"]
        ]
        clashes = overlapping_days(spans)
        if clashes:
            raise StreamBlockValidationError(
                non_block_errors=ValidationError(f"The hours overlap on {', '.join(clashes)}.")
            )
        return value


@register_setting(icon="site")
class PracticeSettings(PostalAddressFields, BaseSiteSetting):
    """The practice's public details, shown in the header and footer and in structured data."""

    name = models.CharField(max_length=120, default="Our practice")
    tagline = models.CharField(max_length=160, blank=True)
    phone = models.CharField(max_length=40, blank=True, help_text="As patients should dial it.")
    email = models.EmailField(blank=True)
    opening_hours = StreamField(OpeningHoursStreamBlock(), blank=True)
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
        PostalAddressFields.address_panel,
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

    # The policy pages come in the same query (BaseSiteSetting.base_queryset): every footer links them.
    select_related = ["privacy_notice_page", "accessibility_statement_page"]

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
            # The details, and the policy pages' URLs and whether they are live.
            shared = memoised(
                request,
                f"practice-settings:{site.pk}",
                lambda: cls.shared_for_site(site),
                shows=(SETTINGS, LINKS),
            )
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
        return contact.phone_href(self.phone)
