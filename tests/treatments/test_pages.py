import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield
from wagtail_factories import ImageFactory

from practice.models import HomePage
from tests.factories import HomePageFactory
from tests.treatments.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    faq_block,
    image_block,
    paragraph_block,
)
from treatments.models import ArticleIndexPage, ArticlePage, TreatmentIndexPage, TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def test_treatment_page_shows_summary_key_facts_and_a_consultation_link_for_itself(
    client, treatment_index, practice
):
    treatment = TreatmentPageFactory(
        parent=treatment_index, slug="laser-skin-tightening", price_guidance="", hero_image=ImageFactory()
    )

    html = client.get(treatment.url).content.decode()

    assert treatment.summary in html
    for label, value in [("Sessions", "2 to 5"), ("Downtime", "Minimal"), ("Results last", "Several years")]:
        assert f'<dt class="col-sm-5">{label}</dt>' in html
        assert f'<dd class="col-sm-7">{value}</dd>' in html
    assert "Price guidance" not in html
    assert 'href="/consultation/?treatment=laser-skin-tightening"' in html
    assert "<picture>" in html


def test_faq_block_renders_each_question_as_a_native_disclosure(client, treatment_index, practice):
    block = faq_block(questions=3)
    treatment = TreatmentPageFactory(parent=treatment_index, body=json.dumps([block]))

    html = client.get(treatment.url).content.decode()

    assert html.count("<details") == 3
    for item in block["value"]["questions"]:
        assert f'<summary class="faq-question fw-semibold">{item["question"]}</summary>' in html


def test_facts_block_lists_its_labelled_facts(client, treatment_index, practice):
    facts = {
        "type": "facts",
        "value": {"heading": "At a glance", "facts": [{"label": "Numbing", "value": "Cream"}]},
    }
    treatment = TreatmentPageFactory(parent=treatment_index, body=json.dumps([facts]))

    html = client.get(treatment.url).content.decode()

    assert "At a glance" in html
    assert '<dt class="col-sm-5">Numbing</dt>' in html


def test_treatment_page_lists_live_related_treatments_and_articles_about_it(
    client, treatment_index, article_index, practice
):
    related = TreatmentPageFactory(parent=treatment_index, title="Microneedling")
    draft = TreatmentPageFactory(parent=treatment_index, title="Unpublished peel", live=False)
    treatment = TreatmentPageFactory(parent=treatment_index)
    treatment.related_treatments.set([related, draft])
    treatment.save()
    article = ArticlePageFactory(parent=article_index, title="Does it last?")
    article.treatments.set([treatment])
    article.save()

    html = client.get(treatment.url).content.decode()

    assert "Microneedling" in html
    assert "Unpublished peel" not in html
    assert "Does it last?" in html


def test_articles_index_pages_through_articles_newest_first(client, article_index, practice):
    articles = [ArticlePageFactory(parent=article_index) for _ in range(ArticleIndexPage.per_page + 2)]
    newest_first = sorted(articles, key=lambda article: (article.date, article.pk), reverse=True)

    first = client.get(article_index.url).content.decode()
    second = client.get(article_index.url + "?page=2").content.decode()

    assert newest_first[0].title in first and newest_first[0].title not in second
    assert newest_first[-1].title in second and newest_first[-1].title not in first
    assert 'rel="next" href="?page=2"' in first
    assert "Page 2 of 2" in second


def test_article_offers_plain_share_links_and_a_consultation_for_its_one_treatment(
    client, treatment_index, article_index, practice
):
    treatment = TreatmentPageFactory(parent=treatment_index, slug="laser")
    article = ArticlePageFactory(parent=article_index, slug="is-it-permanent")
    article.treatments.set([treatment])
    article.save()

    html = client.get(article.url).content.decode()

    page_url = "http%3A%2F%2Flocalhost%2Farticles%2Fis-it-permanent%2F"
    for share_url in [
        f"https://www.facebook.com/sharer/sharer.php?u={page_url}",
        f"https://x.com/intent/post?url={page_url}",
        f"https://www.pinterest.com/pin/create/button/?url={page_url}",
        f"https://www.linkedin.com/sharing/share-offsite/?url={page_url}",
        "mailto:?subject=",
    ]:
        assert f'href="{share_url}' in html
    assert f'<option value="{treatment.pk}" selected>' in html
    # Share links are plain links: no script from a social network (the site's own scripts only).
    assert re.search(r'<script[^>]+src="(https?:)?//', html) is None


def test_article_about_several_treatments_embeds_the_form_with_no_treatment_chosen(
    client, treatment_index, article_index, practice
):
    article = ArticlePageFactory(parent=article_index)
    article.treatments.set([TreatmentPageFactory(parent=treatment_index) for _ in range(2)])
    article.save()

    html = client.get(article.url).content.decode()

    assert 'action="/consultation/"' in html
    assert '<option value="" selected>Not sure yet</option>' in html


def test_page_body_images_render_with_their_alt_text(client, treatment_index, practice):
    block = image_block(ImageFactory())
    treatment = TreatmentPageFactory(parent=treatment_index, body=json.dumps([block, paragraph_block()]))

    html = client.get(treatment.url).content.decode()

    assert f'alt="{block["value"]["image"]["alt_text"]}"' in html
    assert block["value"]["caption"] in html


class TestPageTree(WagtailPageTestCase):
    def setUp(self):
        super().setUp()
        self.home = HomePageFactory(parent=Page.get_first_root_node(), slug="tree-home")
        # Pages are only routable (and so renderable) under a site's root page.
        site = Site.objects.get(is_default_site=True)
        site.root_page = self.home
        site.save()
        self.treatments = TreatmentIndexPageFactory(parent=self.home)
        self.articles = ArticleIndexPageFactory(parent=self.home)
        self.treatment = TreatmentPageFactory(
            parent=self.treatments, body=json.dumps([faq_block(), paragraph_block()])
        )
        self.article = ArticlePageFactory(parent=self.articles, body=json.dumps([faq_block()]))

    def test_indexes_live_under_home_and_hold_their_own_pages_only(self):
        self.assertAllowedParentPageTypes(TreatmentIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(TreatmentIndexPage, {TreatmentPage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertCanCreateAt(HomePage, TreatmentIndexPage)
        self.assertCanCreateAt(TreatmentIndexPage, TreatmentPage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, TreatmentPage)
        self.assertCanNotCreateAt(TreatmentPage, ArticlePage)

    def form_data_with_body(self, form_url, form_id):
        """An admin page form as posted, plus a body: Wagtail draws StreamFields with JavaScript."""
        html = self.client.get(form_url).content.decode()
        data = querydict_from_html(html, form_id=form_id).dict()
        faq = {
            "heading": "Questions",
            "questions": {
                "count": "1",
                "0": {
                    "value": {"question": "Does it hurt?", "answer": rich_text("<p>Barely.</p>")},
                    "deleted": "",
                    "order": "0",
                    "id": "",
                },
            },
        }
        body = streamfield([("heading", {"text": "How it works", "level": "h2"}), ("faq", faq)])
        data.update(nested_form_data({"body": body}))
        return data

    def test_every_page_type_renders(self):
        for page in [self.treatments, self.treatment, self.articles, self.article]:
            self.assertPageIsRenderable(page)

    def edit_form_data_with_body(self, page):
        self.client.force_login(self.create_superuser(f"editor-{page.pk}"))
        return self.form_data_with_body(reverse("wagtailadmin_pages:edit", args=[page.id]), "page-edit-form")

    def test_every_page_type_previews(self):
        self.assertPageIsPreviewable(self.treatments)
        self.assertPageIsPreviewable(self.articles)
        self.assertPageIsPreviewable(self.treatment, post_data=self.edit_form_data_with_body(self.treatment))
        self.assertPageIsPreviewable(self.article, post_data=self.edit_form_data_with_body(self.article))

    def test_new_treatments_and_articles_preview_before_their_first_save(self):
        self.client.force_login(self.create_superuser("new-page-editor"))
        for model, parent in [("treatmentpage", self.treatments), ("articlepage", self.articles)]:
            args = ["treatments", model, parent.id]
            data = self.form_data_with_body(reverse("wagtailadmin_pages:add", args=args), "page-edit-form")
            data.update({"title": "A new page", "slug": "a-new-page", "summary": "New.", "intro": "New."})
            preview_url = reverse("wagtailadmin_pages:preview_on_add", args=args)

            response = self.client.post(preview_url, data)

            assert response.json() == {"is_valid": True, "is_available": True}
            assert self.client.get(preview_url).status_code == 200
