"""Article pages: the list of articles and one page per article."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from practice.models import BasePage
from team.models import ClinicallyReviewedMixin

from .. import structured_data
from ..blocks import TreatmentStreamBlock, faq_items
from ..listing import prefetch_renditions, route_to_child, stream_images, with_listing_images


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
        articles = ArticlePage.objects.child_of(self).live()
        topics, treatments = self.topics(articles), self.treatments_written_about(articles)
        topic = chosen(request, "tag", topics)
        treatment = chosen(request, "treatment", treatments)
        if topic:
            articles = articles.filter(tags=topic)
        if treatment:
            articles = articles.filter(treatments=treatment)
        listing = with_listing_images(articles.order_by("-date", "-pk"))
        filters = {name: item.slug for name, item in [("tag", topic), ("treatment", treatment)] if item}
        context.update(
            articles=Paginator(listing, self.per_page).get_page(request.GET.get("page")),
            topic=topic,
            treatment=treatment,
            filter_links=[
                (heading, links)
                for heading, links in [
                    (_("By topic"), filter_links(filters, "tag", topics, topic)),
                    (_("By treatment"), filter_links(filters, "treatment", treatments, treatment)),
                ]
                if links
            ],
            # What the pagination links keep: the filters chosen.
            filter_query=f"{urlencode(filters)}&" if filters else "",
        )
        return context

    @staticmethod
    def topics(articles):
        """The topics (tags) of these articles, by name: what the list may be narrowed to."""
        return list(
            Tag.objects.filter(treatments_articlepagetag_items__content_object__in=articles)
            .distinct()
            .order_by("name")
        )

    @staticmethod
    def treatments_written_about(articles):
        """The live treatments these articles are about, by title."""
        treatment_model = ArticlePage._meta.get_field("treatments").related_model
        return list(
            treatment_model.objects.live()
            .filter(articles__in=articles)
            .distinct()
            .order_by("title")
            .only("pk", "title", "slug")
        )


def filter_links(filters, name, offered, current):
    """(label, query, whether chosen) for each item offered: choosing one keeps the other filter."""
    return [(str(item), "?" + urlencode({**filters, name: item.slug}), item == current) for item in offered]


def chosen(request, name, offered):
    """The item of `offered` whose slug the query names (`?name=<slug>`), None when it names none;
    a slug that is not offered is not found (404), like a removed page."""
    slug = request.GET.get(name)
    if not slug:
        return None
    found = next((item for item in offered if item.slug == slug), None)
    if found is None:
        raise Http404(f"No articles for this {name}")
    return found


class ArticlePageTag(TaggedItemBase):
    """A topic on an article (taggit's link between a tag and an article)."""

    content_object = ParentalKey(
        "treatments.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


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
    tags = ClusterTaggableManager(
        "topics",
        through=ArticlePageTag,
        blank=True,
        help_text="Topics readers can narrow the articles list to, such as “aftercare”.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("treatments", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
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
            data.append(structured_data.faq_page(self, request=request))
        return data
