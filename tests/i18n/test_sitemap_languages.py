"""The sitemap lists every language's pages, each translated page with its translations and its
English source (x-default) as hreflang alternates."""

import re

import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def entries(xml):
    """{location: {hreflang: href}} of each <url> in a sitemap."""
    found = {}
    for url in re.findall(r"<url>(.*?)</url>", xml, re.S):
        location = re.search(r"<loc>([^<]+)</loc>", url).group(1)
        found[location] = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', url))
    return found


def test_every_language_is_listed_with_its_alternates(client, sobre, home):
    StandardPageFactory(parent=home, slug="english-only")
    translated = {
        "en": "http://localhost/about/",
        "es": "http://localhost/es/about/",
        "x-default": "http://localhost/about/",
    }

    listed = entries(client.get("/sitemap.xml").text)

    assert listed["http://localhost/about/"] == translated
    assert listed["http://localhost/es/about/"] == translated
    assert listed["http://localhost/english-only/"] == {}
    assert "http://localhost/es/" in listed


def test_a_draft_translation_is_neither_listed_nor_an_alternate(client, about, spanish):
    draft = about.copy_for_translation(spanish, copy_parents=True)

    listed = entries(client.get("/sitemap.xml").text)

    assert draft.live is False
    assert "http://localhost/es/about/" not in listed
    assert listed["http://localhost/about/"] == {}
