import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from treatments.models import ArticlePage, TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_demo_laser_page_states_the_seed_facts_with_an_faq(client):
    html = client.get("/treatments/laser-skin-tightening/").content.decode()

    soup = BeautifulSoup(html, "html.parser")
    facts = dict(
        zip(
            [dt.get_text() for dt in soup.select(".key-facts dt")],
            [dd.get_text() for dd in soup.select(".key-facts dd")],
            strict=True,
        )
    )
    assert facts["Sessions"] == "2 to 5"
    assert "Minimal" in facts["Downtime"]
    assert "not permanent" in facts["Results last"]
    questions = [summary.get_text() for summary in soup.select("details.faq-item summary")]
    assert "Is laser skin tightening permanent?" in questions
    ld = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    faq = next(data for data in ld if data["@type"] == "FAQPage")
    assert [question["name"] for question in faq["mainEntity"]] == questions


def test_demo_has_five_treatments_across_categories_and_the_permanence_article(client):
    english = Locale.get_default()
    treatments = TreatmentPage.objects.live().filter(locale=english)
    article = ArticlePage.objects.get(slug="is-laser-tightening-permanent", locale=english)

    assert treatments.count() == 5
    assert set(treatments.values_list("category__name", flat=True)) == {
        "Skin tightening",
        "Injectables",
        "Peels and resurfacing",
    }
    assert list(article.treatments.values_list("slug", flat=True)) == ["laser-skin-tightening"]
    assert client.get(article.url).status_code == 200


def test_demo_menu_offers_treatments_and_articles(client):
    nav = client.get("/").content.decode().split("</nav>")[0]

    assert 'href="/treatments/"' in nav
    assert 'href="/articles/"' in nav


def test_searching_the_demo_for_laser_finds_the_treatment_and_the_article(client):
    html = client.get("/search/", {"q": "laser"}).content.decode()

    assert 'href="/treatments/laser-skin-tightening/"' in html
    assert 'href="/articles/is-laser-tightening-permanent/"' in html
