"""Treatment pages: the list of treatments and one page per treatment."""

from operator import attrgetter
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from practice.cache import LINKS
from practice.compiled_queries import CompiledQuery, Parameter
from practice.languages import in_source_language, site_locales, source_locale_id
from practice.memo import memoised, memoised_fragment
from practice.models import BasePage
from team.models import ClinicallyReviewedMixin

from .. import catalogue, structured_data
from ..blocks import TreatmentStreamBlock, faq_items
from ..listing import has_renditions, prefetch_renditions, route_to_child, stream_images
from .article_pages import ArticlePage

# Which of a page's own types each list of a treatment's relations holds (Page's links to them).
KINDS = {"treatments": "treatmentpage", "articles": "articlepage", "practitioners": "practitionerpage"}


def relation_pages(treatments, articles, practitioners):
    """The live pages among these (pks or subqueries), each as its own type with its card's image."""
    return (
        Page.objects.live()
        .filter(Q(pk__in=treatments) | Q(pk__in=articles) | Q(pk__in=practitioners))
        .select_related("treatmentpage__hero_image", "articlepage__hero_image", "practitionerpage__photo")
    )


class TreatmentIndexPage(BasePage):
    """The list of treatments, grouped by category."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["practice.HomePage"]
    subpage_types = ["treatments.TreatmentPage"]
    max_count_per_parent = 1

    # The index shows each category's first few treatments; ?category=<slug> lists one, a page at a time.
    per_category = 6
    per_page = 24

    class Meta:
        verbose_name = "treatments index page"

    def route(self, request, path_components):
        if path_components:
            result = route_to_child(self, TreatmentPage, request, path_components)
            if result is not None:
                return result
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        treatments = TreatmentPage.objects.child_of(self).live()
        if slug := request.GET.get("category"):
            page_number = request.GET.get("page")
            context["category"], context["treatments"] = catalogue.category_page(
                treatments, slug, page_number, self.per_page
            )
        else:
            context["groups"] = catalogue.groups(treatments, self.per_category)
        return context


class TreatmentPage(ClinicallyReviewedMixin, BasePage):
    """One treatment the practice offers, explained for patients."""

    class ProcedureType(models.TextChoices):
        # The values are schema.org's MedicalProcedureType names, used as they are in structured data.
        NONINVASIVE = "NoninvasiveProcedure", "Non-invasive"
        PERCUTANEOUS = "PercutaneousProcedure", "Through the skin (needles, injections)"
        SURGICAL = "SurgicalProcedure", "Surgical"

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown in listings and at the top."
    )
    category = models.ForeignKey(
        "treatments.TreatmentCategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="treatments",
        help_text="The group the treatments index lists it in; without one, under “Other treatments”.",
    )
    procedure_type = models.CharField(
        max_length=40, choices=ProcedureType.choices, default=ProcedureType.NONINVASIVE
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sessions = models.CharField(
        "typical number of sessions", max_length=60, blank=True, help_text='For example "2 to 5".'
    )
    session_length = models.CharField(max_length=60, blank=True, help_text='For example "30 to 60 minutes".')
    downtime = models.CharField(max_length=120, blank=True, help_text='For example "Minimal".')
    results_last = models.CharField(
        "how long results last", max_length=120, blank=True, help_text='For example "Several years".'
    )
    price_guidance = models.CharField(
        max_length=120, blank=True, help_text='Optional, for example "From £300 per session".'
    )
    body = StreamField(TreatmentStreamBlock(), blank=True)
    related_treatments = ParentalManyToManyField("self", symmetrical=False, blank=True)
    practitioners = ParentalManyToManyField(
        "team.PractitionerPage",
        blank=True,
        related_name="treatments",
        help_text="Who performs this treatment; shown on the page with links to their profiles.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("category"),
        FieldPanel("procedure_type"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("sessions"),
                FieldPanel("session_length"),
                FieldPanel("downtime"),
                FieldPanel("results_last"),
                FieldPanel("price_guidance"),
            ],
            heading="Key facts",
        ),
        FieldPanel("body"),
        FieldPanel("practitioners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_treatments", widget=forms.CheckboxSelectMultiple),
        *ClinicallyReviewedMixin.review_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        # What a treatment is and the questions it answers count for more than the rest of its body.
        index.SearchField("summary", boost=1.5),
        index.SearchField("faq_items", boost=1.5),
        index.SearchField("body"),
        index.FilterField("category"),
    ]

    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "treatment page"

    @property
    def share_image(self):
        return self.social_image or self.hero_image

    @property
    def key_facts(self):
        """(label, value) for each key fact the editor filled in, in the order patients look for them."""
        facts = [
            ("Sessions", self.sessions),
            ("Session length", self.session_length),
            ("Downtime", self.downtime),
            ("Results last", self.results_last),
            ("Price guidance", self.price_guidance),
        ]
        return [(label, value) for label, value in facts if value]

    @property
    def consultation_url(self):
        # A URL name, not an import: treatments knows nothing of leads but where its form lives.
        return f"{reverse('leads:consultation')}?{urlencode({'treatment': self.slug})}"

    @cached_property
    def faq_items(self):
        return faq_items(self.body)

    # The lists below are read only where the template renders them, inside {% memoise %}
    # fragments (and the gallery's): a render that finds those memoised runs none of their queries.

    @cached_property
    def relations(self):
        """Live related treatments by title, the three newest live articles about this treatment in
        the page's language and the live practitioners who perform it by name, in one query, images
        not rendered yet."""
        if self.pk and isinstance(self.related_treatments.all(), models.QuerySet):
            pages = RELATIONS.run(page=self.pk, locale=self.locale_id, translation_key=self.translation_key)
        else:
            # A preview: the page's choices are modelcluster's in-memory querysets, not subqueries,
            # and a page previewed before its first save has no articles yet.
            pages = relation_pages(
                [page.pk for page in self.related_treatments.all()],
                self.articles_in_language(self.locale_id, self.translation_key) if self.pk else [],
                [page.pk for page in self.practitioners.all()],
            )
        found = {"treatments": [], "articles": [], "practitioners": []}
        for page in pages:
            for kind, attribute in KINDS.items():
                specific = getattr(page, attribute, None)
                if specific is not None:
                    found[kind].append(specific)
        found["treatments"].sort(key=attrgetter("title"))
        found["articles"].sort(key=attrgetter("date"), reverse=True)
        found["practitioners"].sort(key=attrgetter("title"))
        return found

    @staticmethod
    def articles_in_language(locale_id, translation_key):
        """The pks of the three newest live articles about the treatment with this translation key
        written in this language. A translated article points at the treatment as its source did
        (translation copies the choice), so at any of the treatment's pages: each article once."""
        about = ArticlePage.treatments.through.objects.filter(
            treatmentpage__translation_key=translation_key
        ).values("articlepage_id")
        return (
            ArticlePage.objects.live()
            .filter(locale_id=locale_id, pk__in=about)
            .order_by("-date")
            .values("pk")[:3]
        )

    @property
    def relation_images(self):
        """The images of the related pages' cards and of the practitioners' photos."""
        relations = self.relations
        cards = [*relations["treatments"], *relations["articles"]]
        return [
            *(page.hero_image for page in cards),
            *(person.photo for person in relations["practitioners"]),
        ]

    @property
    def related_pages(self):
        """The related treatments and articles, with their cards' renditions."""
        # No query when the gallery, rendered first, already loaded them with its own photos'.
        prefetch_renditions(self.relation_images)
        return {"treatments": self.relations["treatments"], "articles": self.relations["articles"]}

    @property
    def live_practitioners(self):
        """The live practitioners who perform this treatment, with their photos' renditions."""
        prefetch_renditions(self.relation_images)
        return self.relations["practitioners"]

    # The consultation form lists, clinics price and leads point at a treatment's page in the site's
    # source language; a translation stands for its source there, shown under its own title.
    @classmethod
    def offered(cls):
        """The live treatments in the source language: one page per treatment, whatever the
        languages it is translated into."""
        return in_source_language(cls.objects.live())

    @classmethod
    def titles_in(cls, request=None):
        """{translation key: title} of the live treatments translated into the active language (none
        for the source language). Read once per process and language until a purge of links (a title
        or live state changed) when a request is given: every Spanish or Arabic form build asks,
        a POST included."""
        locale_id = site_locales().get(get_language())
        if locale_id is None or locale_id == source_locale_id():
            return {}

        def read():
            return dict(
                cls.objects.live().filter(locale_id=locale_id).values_list("translation_key", "title")
            )

        if request is None:
            return read()
        return memoised(request, "treatment-titles", read, shows=(LINKS,))

    def offered_pk(self):
        """The pk the consultation form lists for this page: its own in the source language, else its
        source page's, as `offered` lists it (None when that is not live)."""
        if self.locale_id == source_locale_id():
            return self.pk
        return (
            type(self)
            .offered()
            .filter(translation_key=self.translation_key)
            .values_list("pk", flat=True)
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the renditions of the images the page always renders itself. They are kept
        # with the routed page, so they lack renditions only on its first render since a purge (or in
        # a preview), when the memoised parts below render too: their images come in the same query.
        images = [self.hero_image, *stream_images(self.body)]
        if any(image and not has_renditions(image) for image in images):
            images += self.relation_images
        prefetch_renditions(images)
        return context

    def get_structured_data(self, request):
        # Published content only, like the page's memoised parts: built once per process until a purge
        # of pages, links or settings.
        return memoised_fragment(
            request, f"structured-data:{self.pk}", lambda: self.read_structured_data(request)
        )

    def read_structured_data(self, request):
        data = [
            *super().get_structured_data(request),
            structured_data.medical_procedure(self, request=request),
        ]
        if self.faq_items:
            data.append(structured_data.faq_page(self, request=request))
        return data


# A published treatment page's relations, compiled once per process (`TreatmentPage.relations`).
RELATIONS = CompiledQuery(
    lambda: relation_pages(
        TreatmentPage.related_treatments.through.objects.filter(
            from_treatmentpage_id=Parameter("page", models.IntegerField())
        ).values("to_treatmentpage_id"),
        TreatmentPage.articles_in_language(
            Parameter("locale", models.IntegerField()), Parameter("translation_key", models.UUIDField())
        ),
        TreatmentPage.practitioners.through.objects.filter(
            treatmentpage_id=Parameter("page", models.IntegerField())
        ).values("practitionerpage_id"),
    )
)
