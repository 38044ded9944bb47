import factory
import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.contrib.redirects.models import Redirect
from wagtail_factories import ImageFactory

from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def head_tags(html):
    head = BeautifulSoup(html, "html.parser").head
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in head.find_all("meta")
        if tag.get("content")
    }
    return head, meta


def test_treatment_page_head_has_title_description_canonical_and_social_cards(
    client, treatment_index, practice
):
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        slug="laser",
        seo_title="Laser tightening explained",
        hero_image=ImageFactory(file=factory.django.ImageField(width=1600, height=1000)),
    )

    head, meta = head_tags(client.get(treatment.url).content.decode())

    assert head.title.string == f"Laser tightening explained | {practice.name}"
    assert meta["description"] == treatment.search_description
    assert head.find("link", rel="canonical")["href"] == "http://localhost/treatments/laser/"
    assert meta["og:url"] == "http://localhost/treatments/laser/"
    assert meta["og:title"] == "Laser tightening explained"
    assert meta["og:type"] == "website"
    assert meta["og:image"].startswith("http://localhost/media/images/")
    assert meta["og:image"].endswith(".jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["twitter:card"] == "summary_large_image"
    # X falls back to the og: tags; repeating them as twitter: tags was 400 bytes of every page.
    assert not {"twitter:title", "twitter:description", "twitter:image"} & meta.keys()


def test_social_image_chosen_by_the_editor_wins_over_the_hero_image(client, treatment_index, practice):
    social = ImageFactory(title="Sharing picture")
    treatment = TreatmentPageFactory(parent=treatment_index, hero_image=ImageFactory(), social_image=social)

    _head, meta = head_tags(client.get(treatment.url).content.decode())

    assert meta["og:image"] == "http://localhost" + social.get_rendition("fill-1200x630|format-jpeg").url


def test_article_is_shared_as_an_article_with_a_small_card_when_it_has_no_image(
    client, article_index, practice
):
    article = ArticlePageFactory(parent=article_index)

    _head, meta = head_tags(client.get(article.url).content.decode())

    assert meta["og:type"] == "article"
    assert meta["twitter:card"] == "summary"
    assert "og:image" not in meta


def test_sitemap_lists_live_treatments_and_articles_only(client, treatment_index, article_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index, slug="laser")
    TreatmentPageFactory(parent=treatment_index, slug="draft-peel", live=False)
    ArticlePageFactory(parent=article_index, slug="is-it-permanent")

    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert response.status_code == 200
    assert f"<loc>http://localhost{treatment.url}</loc>" in xml
    assert "<loc>http://localhost/articles/is-it-permanent/</loc>" in xml
    assert "<loc>http://localhost/treatments/</loc>" in xml
    assert "draft-peel" not in xml


def test_robots_txt_points_crawlers_at_the_sitemap_and_away_from_the_admin(client, home):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_redirect_made_in_the_admin_sends_old_addresses_to_the_treatment(client, treatment_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index, slug="laser")
    Redirect.objects.create(old_path="/laser-treatment", redirect_page=treatment)

    response = client.get("/laser-treatment/")

    assert response.status_code == 301
    assert response["Location"].endswith("/treatments/laser/")


def test_share_rendition_is_written_to_the_renditions_cache_at_most_once_per_render(
    client, treatment_index, practice, monkeypatch
):
    """The meta tags and the JSON-LD show the same rendition; Wagtail's get_rendition would write it
    to the renditions cache at each of them."""
    treatment = TreatmentPageFactory(parent=treatment_index, hero_image=ImageFactory())
    rendition_cache = treatment.hero_image.get_rendition_model().cache_backend
    written = []
    write = rendition_cache.set

    def counting_set(key, *args, **kwargs):
        written.append(key)
        return write(key, *args, **kwargs)

    monkeypatch.setattr(rendition_cache, "set", counting_set)

    with override_settings(PAGE_CACHE_SECONDS=0):
        html = client.get(treatment.url).content.decode()
        share_writes = [key for key in written if key.endswith("fill-1200x630|format-jpeg")]
        written.clear()
        client.get(treatment.url)

    _head, meta = head_tags(html)
    assert meta["og:image"] in html.split('"MedicalProcedure"', 1)[1]  # the JSON-LD names it too
    assert len(share_writes) <= 1
    assert not [key for key in written if key.endswith("fill-1200x630|format-jpeg")]
