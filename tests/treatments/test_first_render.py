"""The demo's laser skin tightening page, the page issue 17 measures (two clinics with prices and
consultation times, a gallery, related pages, practitioners): its first render after an editor
publishes it, and its render with every memo and cache emptied, each within a pinned number of
queries; what the publish did not change (the site, menu, details, clinics, gallery, the embedded
form) is not read or rendered again."""

import re

import pytest
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import Locale

from practice.cache import purge_page_cache
from tests.budgets import render_queries
from treatments.models import TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

LASER_PAGE = "/treatments/laser-skin-tightening/"
# The page (routing), its body images, its relations, their renditions and the page's, and the
# digest of what the embedded form shows (its treatments, clinics and offers in one query): the
# publish changed none of what the site, the menu, the practice details, the clinics offering it
# and the gallery show, so their memos are kept, and the form, kept in the shared cache under that
# digest, is not rendered again.
DEMO_FIRST_RENDER_QUERIES = 5
# Then the site, home's children (routing and menu), the practice details, clinics offering it,
# gallery items and their renditions, and what the shared cache keeps across publishes: the form's
# own two queries (its treatment list, its clinics with what each offers) to render it, the consent
# wording blank forms show, the renditions of the page's images found one by one where no prefetch found them, and
# what the languages keep in the shared cache: the site's locales and the page's translations.
DEMO_COLD_RENDER_QUERIES = 26
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def publish_summary(summary):
    """An editor's new revision of the laser page, its summary edited, published."""
    page = TreatmentPage.objects.get(
        url_path__endswith="/laser-skin-tightening/", locale=Locale.get_default()
    )
    page.summary = summary
    page.save_revision().publish()


def test_the_demo_treatment_page_renders_first_after_its_publish_within_its_pinned_queries(
    client, django_assert_max_num_queries
):
    render_queries(client, LASER_PAGE)  # renditions are made once, on the first view ever
    publish_summary("Firmer skin in a lunch hour, edited.")

    with override_settings(PAGE_CACHE_SECONDS=0), django_assert_max_num_queries(DEMO_FIRST_RENDER_QUERIES):
        response = client.get(LASER_PAGE)

    assert response.status_code == 200
    assert b"Firmer skin in a lunch hour, edited." in response.content
    assert b"Related treatments" in response.content
    assert b'name="preferred_times"' in response.content


def test_the_demo_treatment_page_renders_fully_cold_within_its_pinned_queries(
    client, django_assert_max_num_queries
):
    render_queries(client, LASER_PAGE)
    purge_page_cache()
    for cache in caches.all():
        cache.clear()

    with override_settings(PAGE_CACHE_SECONDS=0), django_assert_max_num_queries(DEMO_COLD_RENDER_QUERIES):
        response = client.get(LASER_PAGE)

    assert response.status_code == 200
    assert b'name="preferred_times"' in response.content


def test_a_publish_of_the_page_keeps_its_embedded_form_rendered(client):
    with override_settings(PAGE_CACHE_SECONDS=0):
        before = TOKEN.search(client.get(LASER_PAGE).content.decode()).group(1)
        publish_summary("A summary the form does not show.")
        after = TOKEN.search(client.get(LASER_PAGE).content.decode()).group(1)

    assert after == before
