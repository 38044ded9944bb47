"""The practice's public details (a site setting): name, contact, address, opening hours, policy pages."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.functional import cached_property
from django.utils.translation import get_language
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
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
class PracticeSettings(PostalAddressFields, BaseSiteSetting, ClusterableModel):
    """The practice's public details, shown in the header and footer and in structured data: facts
    (contact, address, hours) once per site; the tagline, the one thing editors word, also in each
    other language of the site (TaglineTranslation)."""

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
        InlinePanel(
            "tagline_translations",
            heading="Tagline in other languages",
            label="Translation",
            help_text="Pages in a language without one show the tagline above.",
        ),
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
        """The site's details, with the tagline in the active language (base_queryset) and the
        policy pages' URLs resolved, to be memoised (per language: memo keys carry it) and copied
        per request (a copy carries them along, so every footer shows them without a query)."""
        details = contact.remember(cls.for_site(site))
        details.privacy_notice_url, details.accessibility_statement_url  # noqa: B018
        return details

    def __str__(self):
        return self.name

    @classmethod
    def base_queryset(cls):
        """Wagtail's, with the tagline's translation into the active language in the same query:
        every page's footer shows it, within the page's query budget."""
        translated = TaglineTranslation.objects.filter(practice=OuterRef("pk"), language=get_language())
        return super().base_queryset().annotate(tagline_translated=Subquery(translated.values("tagline")[:1]))

    @property
    def tagline_shown(self):
        """The tagline in the language the details were read in: its translation, else the source
        language's."""
        return getattr(self, "tagline_translated", None) or self.tagline

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


def translation_languages():
    """The site's languages other than the source one: those its wording is translated into."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TaglineTranslation(models.Model):
    """The practice's tagline in another of the site's languages, edited beside the English one."""

    practice = ParentalKey(PracticeSettings, on_delete=models.CASCADE, related_name="tagline_translations")
    language = models.CharField(max_length=12, choices=translation_languages)
    tagline = models.CharField(max_length=160)

    panels = [FieldPanel("language"), FieldPanel("tagline")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="practice_one_tagline_per_language")
        ]

    def __str__(self):
        return f"{self.get_language_display()}: {self.tagline}"
