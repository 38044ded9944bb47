"""The URL's prefix alone names the language a page is served in: /es/... Spanish, unprefixed
English, an unknown prefix a 404; Accept-Language never chooses."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_translated_page_is_served_under_its_language_prefix(client, sobre):
    spanish = client.get("/es/about/")
    english = client.get("/about/")

    assert spanish.status_code == 200
    assert "Sobre nosotros" in spanish.text
    assert spanish["Content-Language"] == "es"
    assert "About us" in english.text
    assert "Sobre nosotros" not in english.text
    assert english["Content-Language"] == "en"


def test_the_home_page_of_a_language_is_at_its_prefix(client, spanish_home):
    assert "<title>Inicio" in client.get("/es/").text


def test_the_menu_lists_the_pages_of_the_language_being_read(client, sobre):
    english = client.get("/about/").text
    spanish = client.get("/es/about/").text

    assert 'href="/es/about/"' in spanish
    assert 'href="/about/"' not in spanish
    assert 'href="/about/"' in english


@pytest.mark.parametrize("path", ["/xx/about/", "/xx/", "/de/about/", "/es-zz/about/", "/EN/about/"])
def test_a_prefix_naming_no_language_of_the_site_is_a_404(client, about, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "accept_language",
    ["es", "ar;q=1.0, es;q=0.9", "*", ";;;q=x,", "es-" * 10_000, "\u202eعربي", "zz-ZZ"],
)
def test_accept_language_never_chooses_the_language(client, sobre, accept_language):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 200
    assert "About us" in response.text
    assert "Accept-Language" not in response.get("Vary", "")


def test_an_untranslated_page_is_served_from_the_source_under_the_prefix(client, about, spanish_home):
    response = client.get("/es/about/")

    assert response.status_code == 200
    assert "About us" in response.text


def test_a_language_without_a_translated_home_shows_the_source_pages(client, about, spanish):
    assert "About us" in client.get("/es/about/").text


def test_a_path_in_no_language_tree_is_still_a_404(client, spanish_home):
    assert client.get("/es/no-such-page/").status_code == 404


def test_the_consultation_form_and_search_answer_under_a_prefix(client, spanish_home, practice):
    assert client.get("/es/consultation/").status_code == 200
    assert client.get("/es/search/?q=laser").status_code == 200
