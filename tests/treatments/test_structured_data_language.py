"""Structured data in the page's language: `inLanguage` on the page types that describe a page or
its words, and an FAQ whose JSON-LD questions are the ones a reader sees in that language."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from tests.clinics.test_schema_vocabulary import problems, vocabulary, with_supertypes
from treatments.models import ArticlePage, TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

DESCRIBES_A_PAGE = {"FAQPage", "MedicalWebPage", "Article"}


def page_in(model, slug, language):
    return model.objects.get(slug=slug, locale=Locale.get_default()).get_translation(
        Locale.objects.get(language_code=language)
    )


def json_ld(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup, [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_faq_json_ld_asks_the_questions_the_translated_page_shows(client, language):
    laser = page_in(TreatmentPage, "laser-skin-tightening", language)

    soup, found = json_ld(client.get(laser.url).text)

    shown = [summary.get_text() for summary in soup.select("details.faq-item summary")]
    faq = next(data for data in found if data["@type"] == "FAQPage")
    assert len(shown) == 5
    assert [question["name"] for question in faq["mainEntity"]] == shown
    assert "Is laser skin tightening permanent?" not in shown


@pytest.mark.parametrize("language", ["es", "ar"])
def test_treatment_and_article_json_ld_name_the_language_they_are_written_in(client, language):
    treatment = page_in(TreatmentPage, "laser-skin-tightening", language)
    article = page_in(ArticlePage, "is-laser-tightening-permanent", language)
    expected = {
        treatment.url: {"MedicalWebPage": language, "FAQPage": language},
        article.url: {"MedicalWebPage": language, "Article": language, "FAQPage": language},
    }

    for url, languages in expected.items():
        _soup, found = json_ld(client.get(url).text)
        named = {data["@type"]: data.get("inLanguage") for data in found if data["@type"] in DESCRIBES_A_PAGE}
        assert named == languages


def test_schema_org_allows_in_language_on_each_type_that_carries_it():
    _types, properties = vocabulary()
    domains, _ranges = properties["inLanguage"]

    assert all(with_supertypes(type_name) & domains for type_name in DESCRIBES_A_PAGE)


def test_a_page_shown_untranslated_says_its_words_are_english(client):
    _soup, found = json_ld(client.get("/es/treatments/microneedling/").text)

    languages = {data.get("inLanguage") for data in found if data["@type"] in DESCRIBES_A_PAGE}
    assert languages == {"en"}


@pytest.mark.parametrize("language", ["es", "ar"])
def test_every_json_ld_block_of_the_translated_pages_is_valid_schema_org(client, language):
    pages = [
        page_in(TreatmentPage, "laser-skin-tightening", language),
        page_in(ArticlePage, "is-laser-tightening-permanent", language),
    ]

    for page in pages:
        _soup, found = json_ld(client.get(page.url).text)
        assert len(found) >= 4, page.url
        for data in found:
            assert list(problems(data)) == [], (page.url, data["@type"])
