"""A page cached in one language is never served to a visitor reading another: the language is in
the URL, so it is in the cache's key, through the WSGI layer and through the middleware alike."""

import pytest
from django.test import Client

from practice.cache import purge_page_cache
from tests.page_cache_client import PageCacheClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_page_cache():
    purge_page_cache()


@pytest.fixture(params=["WSGI layer", "middleware"])
def client(request):
    return PageCacheClient() if request.param == "WSGI layer" else Client()


@pytest.mark.parametrize("first", ["/about/", "/es/about/"])
def test_each_language_is_answered_from_its_own_cache_entry(client, sobre, first):
    other = "/es/about/" if first == "/about/" else "/about/"
    client.get(first)
    client.get(other)

    english, spanish = client.get("/about/"), client.get("/es/about/")

    assert english["X-Cache"] == spanish["X-Cache"] == "hit"
    assert "About us" in english.text and "Sobre nosotros" not in english.text
    assert "Sobre nosotros" in spanish.text
    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"


def test_a_visitor_asking_for_spanish_still_gets_the_cached_english_page(client, sobre):
    client.get("/about/")

    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="es")

    assert response["X-Cache"] == "hit"
    assert "Sobre nosotros" not in response.text


def test_pages_in_every_language_are_stored(client, sobre):
    for path in ("/about/", "/es/about/", "/es/"):
        assert client.get(path)["X-Cache"] == "miss"
        assert client.get(path)["X-Cache"] == "hit"
