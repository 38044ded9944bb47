"""The site's header and footer are rendered once per process, site and language (the header once per
page too) until a purge of what they show: the practice's details, the menu and other pages' links.
A change to any of those shows on the next render, and on the page cache's hits after it. A page's
meta tags are rendered once per page until a purge of what published content shows."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings

from practice.models import PracticeSettings
from tests.factories import StandardPageFactory, publish
from tests.page_cache_client import PageCacheClient
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db

HEADER = "includes/main_nav.html"  # rendered only inside the header
FOOTER = "includes/footer.html"
META = "includes/seo_meta.html"


@pytest.fixture
def treatment(treatment_index, practice):
    return TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening")


@pytest.fixture
def client():
    """Requests through the page cache's WSGI layer, as the web server serves them."""
    return PageCacheClient()


def rendered(client, url):
    """The page rendered past the page cache, and the templates its render used."""
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get(url)
    assert response.status_code == 200
    return response.text, {template.name for template in response.templates}


def served_and_then_hit(client, url):
    """The page as the next request gets it, checked to be the same as the cache's hit after it."""
    served = client.get(url)
    hit = client.get(url)
    assert hit["X-Cache"] == "hit"
    assert hit.text == served.text
    return served.text


def test_a_warm_render_renders_neither_the_header_nor_the_footer(client, treatment):
    first_html, first = rendered(client, treatment.url)
    warm_html, warm = rendered(client, treatment.url)

    assert {HEADER, FOOTER} <= first
    assert not {HEADER, FOOTER} & warm
    assert warm_html == first_html


def test_a_publish_of_a_pages_words_keeps_the_frame(client, treatment):
    rendered(client, treatment.url)

    publish(treatment, summary="Firmer skin in a lunch hour.")
    html, templates = rendered(client, treatment.url)

    assert "Firmer skin in a lunch hour." in html
    assert not {HEADER, FOOTER} & templates


def test_new_practice_details_show_in_the_header_and_footer_at_once(
    client, treatment, django_capture_on_commit_callbacks
):
    served_and_then_hit(client, treatment.url)

    details = PracticeSettings.objects.get()
    details.name = "Harley Skin Clinic"
    details.phone = "020 7946 0999"
    with django_capture_on_commit_callbacks(execute=True):
        details.save()
    html = served_and_then_hit(client, treatment.url)

    assert '<a class="site-name text-decoration-none" href="/">Harley Skin Clinic</a>' in html
    assert '<h2 id="footer-practice" class="h5">Harley Skin Clinic</h2>' in html
    assert 'href="tel:02079460999">Call 020 7946 0999</a>' in html
    assert '<a href="tel:02079460999">020 7946 0999</a>' in html


def test_a_menu_change_and_a_new_page_in_the_menu_show_at_once(client, treatment, home):
    about = StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    served_and_then_hit(client, treatment.url)

    publish(about, title="About the clinic")
    StandardPageFactory(parent=home, title="Contact", slug="contact", show_in_menus=True)
    html = served_and_then_hit(client, treatment.url)

    assert '<a href="/about/">About the clinic</a>' in html
    assert '<a href="/contact/">Contact</a>' in html


def test_each_page_marks_its_own_section_in_the_menu(client, treatment, treatment_index, home):
    about = StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    publish(treatment_index, show_in_menus=True)

    for _ in range(2):  # the second time from the memo
        on_treatment, _templates = rendered(client, treatment.url)
        on_about, _templates = rendered(client, about.url)

        assert '<a href="/treatments/" aria-current="page">' in on_treatment
        assert '<a href="/about/">' in on_treatment
        assert '<a href="/about/" aria-current="page">' in on_about
        assert '<a href="/treatments/">' in on_about


def test_the_header_of_a_view_without_a_page_is_memoised_once(client, treatment):
    rendered(client, treatment.url)

    first = client.get("/no-such-page/")
    warm = client.get("/no-such-page/")

    assert first.status_code == warm.status_code == 404
    assert HEADER in {template.name for template in first.templates}
    assert HEADER not in {template.name for template in warm.templates}
    assert 'aria-current="page"' not in warm.text


def test_a_pages_meta_tags_are_rendered_again_only_when_its_words_change(client, treatment):
    rendered(client, treatment.url)
    _html, warm = rendered(client, treatment.url)

    publish(treatment, search_description="Firmer skin in a lunch hour.")
    html, after_publish = rendered(client, treatment.url)

    assert META not in warm
    assert META in after_publish
    assert '<meta property="og:description" content="Firmer skin in a lunch hour.">' in html


def test_memoise_frame_renders_afresh_in_previews_and_for_what_is_not_a_page(treatment):
    template = Template(
        '{% load practice_tags %}{% memoise_frame "part" page %}{{ text }}{% endmemoise_frame %}'
    )
    live = RequestFactory().get("/", HTTP_HOST="localhost")
    preview = RequestFactory().get("/", HTTP_HOST="localhost")
    preview.is_preview = True

    def render(request, text, page=treatment):
        return template.render(Context({"request": request, "page": page, "text": text}))

    assert render(live, "first") == "first"
    assert render(live, "second") == "first"
    assert render(preview, "draft") == "draft"
    assert render(live, "results", page=object()) == "results"
    assert render(live, "no page", page=None) == "no page"
    assert render(live, "again", page=None) == "no page"
