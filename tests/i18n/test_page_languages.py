"""What a page says about its languages: <html lang dir>, hreflang alternates for real translations
only, the language switcher, and the notice on a page shown untranslated."""

import re

import pytest
from wagtail.models import Locale

from tests.i18n.conftest import translate

pytestmark = pytest.mark.django_db


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_each_language_names_itself_and_its_direction(client, about, spanish_home):
    arabic = Locale.objects.create(language_code="ar")
    translate(about, arabic, title="من نحن")

    assert '<html lang="en" dir="ltr">' in client.get("/about/").text
    assert '<html lang="ar" dir="rtl">' in client.get("/ar/about/").text


def test_a_translated_page_lists_every_translation_and_its_source_as_default(client, sobre):
    expected = {
        "en": "http://localhost/about/",
        "es": "http://localhost/es/about/",
        "x-default": "http://localhost/about/",
    }

    assert alternates(client.get("/about/").text) == expected
    assert alternates(client.get("/es/about/").text) == expected


def test_a_page_without_translations_claims_no_alternates(client, about, spanish_home):
    assert alternates(client.get("/about/").text) == {}


def test_the_switcher_links_to_the_same_page_in_the_other_language(client, sobre):
    english = client.get("/about/").text
    spanish = client.get("/es/about/").text

    assert '<a href="http://localhost/es/about/" hreflang="es">español</a>' in english
    assert '<a href="http://localhost/about/" hreflang="en">English</a>' in spanish


def test_the_switcher_says_when_a_page_has_no_translation(client, about, spanish_home):
    assert "español: not translated" in client.get("/about/").text


def test_the_switcher_speaks_the_readers_language(client, sobre):
    assert 'aria-label="Languages"' in client.get("/about/").text
    assert 'aria-label="Idiomas"' in client.get("/es/about/").text


def test_an_english_only_site_shows_no_switcher(client, about):
    assert "language-switcher" not in client.get("/about/").text


def test_an_untranslated_page_says_so_and_is_marked_as_english(client, about, spanish_home):
    html = client.get("/es/about/").text

    assert "data-untranslated" in html
    assert '<html lang="en" dir="ltr">' in html
    assert "data-untranslated" not in client.get("/about/").text


def test_a_translated_page_shows_no_untranslated_notice(client, sobre):
    html = client.get("/es/about/").text

    assert "data-untranslated" not in html
    assert '<html lang="es" dir="ltr">' in html


@pytest.mark.parametrize(
    ("path", "html_tag"),
    [("/ar/nowhere/", '<html lang="ar" dir="rtl">'), ("/nowhere/", '<html lang="en" dir="ltr">')],
)
def test_error_pages_speak_the_language_of_their_prefix(client, home, path, html_tag):
    response = client.get(path)

    assert response.status_code == 404
    assert html_tag in response.text


def test_the_site_name_leads_home_in_the_readers_language(client, sobre):
    assert 'class="site-name text-decoration-none" href="/es/"' in client.get("/es/about/").text
    assert 'class="site-name text-decoration-none" href="/"' in client.get("/about/").text
