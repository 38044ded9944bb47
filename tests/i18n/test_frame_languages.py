"""Each language has its own memoised header and footer (practice_tags.memoise_frame) and cookie
prompt, and the language switcher in them follows the page's translations as soon as one is
published."""

import pytest
from django.test import override_settings
from wagtail.models import Locale

from tests.i18n.conftest import translate
from tests.page_cache_client import PageCacheClient

pytestmark = pytest.mark.django_db

# What the header (the switcher's label) and the footer (the phone's label) say in each language.
WORDS = {
    "/about/": ('aria-label="Languages"', "Phone:"),
    "/es/about/": ('aria-label="Idiomas"', "Teléfono:"),
    "/ar/about/": ('aria-label="اللغات"', "الهاتف:"),
}


def rendered(client, url):
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_each_language_gets_its_own_header_and_footer(client, sobre):
    translate(
        sobre.get_translation(Locale.get_default()), Locale.objects.create(language_code="ar"), title="من نحن"
    )

    for _ in range(2):  # the second time from the memo, each language after another
        for url, words in WORDS.items():
            html = rendered(client, url)
            for word in words:
                assert word in html
            for other_url, other_words in WORDS.items():
                if other_url != url:
                    assert not any(word in html for word in other_words)


def test_a_new_translation_shows_in_the_switcher_at_once(about, spanish_home, spanish):
    client = PageCacheClient()
    client.get("/about/")
    assert "español: not translated" in client.get("/about/").text

    translate(about, spanish, title="Sobre nosotros")
    served = client.get("/about/")
    hit = client.get("/about/")

    assert hit["X-Cache"] == "hit"
    for html in (served.text, hit.text):
        assert '<a href="http://localhost/es/about/" hreflang="es">español</a>' in html
        assert "not translated" not in html


def test_each_language_gets_its_own_cookie_prompt(client, sobre, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "consent"
    prompts = {
        "/about/": "May we remember how you found us?",
        "/es/about/": "¿Podemos recordar cómo nos ha encontrado?",
    }

    for _ in range(2):  # the second time from the memo
        for url, prompt in prompts.items():
            html = rendered(client, url)
            assert [other in html for other in prompts.values()] == [
                other == prompt for other in prompts.values()
            ]
