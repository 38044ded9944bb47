"""Pages patients read: treatments, articles and the indexes that list them."""

import copy
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from practice.memo import memoised
from practice.models import BasePage, view_restricted
from team.models import ClinicallyReviewedMixin

from . import structured_data
from .blocks import TreatmentStreamBlock, faq_items


def with_listing_images(queryset):
    """A page queryset that loads each page's hero image and its renditions up front."""
    return queryset.select_related("hero_image").prefetch_related("hero_image__renditions")


def stream_images(stream_value):
    return [block.value["image"] for block in stream_value if block.block_type == "image"]


def prefetch_renditions(images):
    """Load the renditions of all these images in one query, however many there are."""
    prefetch_related_objects(list({image.pk: image for image in images if image}.values()), "renditions")


def has_renditions(image):
    """Whether the image's renditions are already loaded (prefetch_renditions)."""
    return "renditions" in getattr(image, "_prefetched_objects_cache", {})


def route_to_child(index, page_model, request, path_components):
    """Route to a child of `page_model`, found once per process and cache generation.

    Wagtail's default routing takes two queries for a child page (the generic page, then its
    specific type) and more for its hero image and clinical reviewer; this finds all of that in one
    query, and only on the first request after a purge (publishing, unpublishing, moving or deleting
    any page moves the generation on). Previews never route, so they never see this copy.
    """
    slug = path_components[0]
    child = memoised(request, f"child-page:{index.pk}:{slug}", lambda: find_child(index, page_model, slug))
    if child is None:
        return None
    # A copy per request, so nothing a request caches on the page is shared.
    child = copy.copy(child)
    child._cached_parent_obj = index
    return child.route(request, path_components[1:])


def find_child(index, page_model, slug):
    """The child of `index` with this slug, with its hero image and reviewer, or None."""
    return (
        page_model.objects.child_of(index)
        # The reviewer is shown near the end of every treatment and article page.
        .select_related("hero_image", "reviewed_by")
        # Saves Wagtail's privacy check a query on every view (saving a restriction purges).
        .annotate(view_restricted=view_restricted())
        .filter(slug=slug)
        .first()
    )


class TreatmentIndexPage(BasePage):
    """The list of treatments, grouped by category."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["practice.HomePage"]
    subpage_types = ["treatments.TreatmentPage"]
    max_count_per_parent = 1

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
        treatments = with_listing_images(TreatmentPage.objects.child_of(self).live().order_by("title"))
        by_category = {}
        for treatment in treatments:
            by_category.setdefault(treatment.category, []).append(treatment)
        context["categories"] = [
            (label, by_category[value])
            for value, label in TreatmentPage.Category.choices
            if value in by_category
        ]
        return context


class TreatmentPage(ClinicallyReviewedMixin, BasePage):
    """One treatment the practice offers, explained for patients."""

    class Category(models.TextChoices):
        FACE = "face", "Face"
        BODY = "body", "Body"
        SKIN = "skin", "Skin"

    class ProcedureType(models.TextChoices):
        # The values are schema.org's MedicalProcedureType names, used as they are in structured data.
        NONINVASIVE = "NoninvasiveProcedure", "Non-invasive"
        PERCUTANEOUS = "PercutaneousProcedure", "Through the skin (needles, injections)"
        SURGICAL = "SurgicalProcedure", "Surgical"

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown in listings and at the top."
    )
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.FACE)
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
        index.SearchField("summary"),
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
        """Live related treatments by title, the three newest live articles about this treatment and
        the live practitioners who perform it by name: one query each, images not rendered yet."""
        # filter(live=True), not live(): in a preview these are modelcluster's in-memory querysets.
        treatments = list(
            self.related_treatments.filter(live=True).select_related("hero_image").order_by("title")
        )
        # A page previewed before its first save has no articles yet (and cannot be filtered on).
        articles = (
            ArticlePage.objects.live().filter(treatments=self) if self.pk else ArticlePage.objects.none()
        )
        articles = list(articles.select_related("hero_image").order_by("-date")[:3])
        practitioners = list(self.practitioners.filter(live=True).select_related("photo").order_by("title"))
        return {"treatments": treatments, "articles": articles, "practitioners": practitioners}

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
        data = [
            *super().get_structured_data(request),
            structured_data.medical_procedure(self, request=request),
        ]
        if self.faq_items:
            data.append(structured_data.faq_page(self.faq_items))
        return data


class ArticleIndexPage(BasePage):
    """The list of articles, newest first, a page at a time."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["practice.HomePage"]
    subpage_types = ["treatments.ArticlePage"]
    max_count_per_parent = 1

    per_page = 10

    class Meta:
        verbose_name = "articles index page"

    def route(self, request, path_components):
        if path_components:
            result = route_to_child(self, ArticlePage, request, path_components)
            if result is not None:
                return result
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = with_listing_images(ArticlePage.objects.child_of(self).live().order_by("-date", "-pk"))
        context["articles"] = Paginator(articles, self.per_page).get_page(request.GET.get("page"))
        return context


class ArticlePage(ClinicallyReviewedMixin, BasePage):
    """An article answering a question patients ask, linked to the treatments it is about."""

    date = models.DateField("published on", default=timezone.localdate)
    intro = models.TextField(
        max_length=400, help_text="One or two sentences shown in listings and at the top."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(TreatmentStreamBlock(), blank=True)
    treatments = ParentalManyToManyField(
        "treatments.TreatmentPage",
        blank=True,
        related_name="articles",
        help_text="The treatments this article is about; they link back to it.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("treatments", widget=forms.CheckboxSelectMultiple),
        *ClinicallyReviewedMixin.review_panels,
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["treatments.ArticleIndexPage"]
    subpage_types = []

    og_type = "article"

    class Meta:
        verbose_name = "article page"

    @property
    def share_image(self):
        return self.social_image or self.hero_image

    @cached_property
    def treatment_pages(self):
        # filter(live=True), not live(): in a preview this is modelcluster's in-memory queryset.
        return list(self.treatments.filter(live=True).select_related("hero_image").order_by("title"))

    @property
    def consultation_treatment(self):
        """The treatment to preselect in the consultation form: only when the article is about just one."""
        return self.treatment_pages[0] if len(self.treatment_pages) == 1 else None

    @cached_property
    def faq_items(self):
        return faq_items(self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_renditions(
            [self.hero_image, *stream_images(self.body), *(page.hero_image for page in self.treatment_pages)]
        )
        return context

    def get_structured_data(self, request):
        data = [*super().get_structured_data(request), structured_data.article(self, request=request)]
        if self.faq_items:
            data.append(structured_data.faq_page(self.faq_items))
        return data
