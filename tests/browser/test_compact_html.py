"""A compacted page looks exactly like the page its templates wrote: one demo page of every type, each
public view and the Arabic laser page, in Chromium at a desktop and a phone width, the same HTML
served once as rendered and once through compact_html."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from wagtail.models import Locale

from practice.compact_html import compact_html
from tests.public_pages import PUBLIC_URL_NAMES, demo_url, page_types, public_view_url
from treatments.models import TreatmentPage

pytestmark = pytest.mark.database_independent("Chromium lays out the same HTML whatever the database")

COMPACTING = "practice.compact_html.CompactHtmlMiddleware"
WIDTHS = (1280, 390)
# Where every element sits, and the text a reader gets: a shortened run of white space that showed
# would move an element or change the text.
LAYOUT = """() => ({
    boxes: [...document.body.querySelectorAll("*")].map((element) => {
        const box = element.getBoundingClientRect();
        return `${element.tagName} ${box.x} ${box.y} ${box.width} ${box.height}`;
    }),
    text: document.body.innerText,
})"""


def rendered_as_written(url):
    """The page's HTML as its templates wrote it: Django without the compacting middleware. Its
    pictures load at once (and, never fetched, show as broken), so both pages lay out the same
    pictures whenever the layout is read."""
    middleware = [name for name in settings.MIDDLEWARE if name != COMPACTING]
    with override_settings(MIDDLEWARE=middleware, PAGE_CACHE_SECONDS=0):
        response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.replace(b'loading="lazy"', b'loading="eager"')


def layout(page, url, html, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.route(
        lambda requested: requested.split("?")[0].endswith(url),
        lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
    )
    page.route(f"**{settings.MEDIA_URL}**", lambda route: route.abort())
    page.goto(url, wait_until="load")
    page.unroute_all()
    return page.evaluate(LAYOUT), page.screenshot()


def test_compacted_pages_lay_out_and_read_as_written(committed_demo, page):
    urls = [demo_url(model) for model in page_types()]
    urls += [public_view_url(name) for name in PUBLIC_URL_NAMES]
    laser = TreatmentPage.objects.get(slug="laser-skin-tightening", locale=Locale.get_default())
    urls.append(laser.get_translation(Locale.objects.get(language_code="ar")).url)

    for url in filter(None, urls):
        written = rendered_as_written(url)
        compacted = compact_html(written)
        assert len(compacted) < len(written), url
        for width in WIDTHS:
            assert layout(page, url, compacted, width) == layout(page, url, written, width), (url, width)
