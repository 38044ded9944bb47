"""The form embedded in treatment pages is rendered once per page and list of treatments."""

import re

import pytest
from django.test import override_settings

from practice.cache import purge_page_cache
from tests.treatments.factories import TreatmentCategoryFactory

from .factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def embedded_page(client, url):
    with override_settings(PAGE_CACHE_SECONDS=0):  # past the page cache: the page renders each time
        return client.get(url).content.decode()


def embedded_token(client, url):
    return TOKEN.search(embedded_page(client, url)).group(1)


def test_embedded_form_is_reused_until_a_publish_changes_the_treatments(client, treatment, practice):
    first = embedded_token(client, treatment.url)

    assert embedded_token(client, treatment.url) == first

    purge_page_cache()  # a publish that leaves the list of treatments as it was

    assert embedded_token(client, treatment.url) == first

    treatment.title = "Renamed treatment"
    treatment.save_revision().publish()  # purges

    html = embedded_page(client, treatment.url)
    assert TOKEN.search(html).group(1) != first
    assert f'<option value="{treatment.pk}" selected>Renamed treatment</option>' in html


def test_embedded_form_with_treatments_in_categories_is_reused_after_a_purge(client, home, practice):
    """Grouped choices too: their values are new objects on every read of the list."""
    face = TreatmentCategoryFactory(name="Face")
    treatment = TreatmentPageFactory(parent=home, title="Laser", category=face)
    TreatmentPageFactory(parent=home, title="Peel", category=face)
    first = embedded_token(client, treatment.url)

    purge_page_cache()

    assert embedded_token(client, treatment.url) == first


def test_each_page_embeds_its_own_form(client, home, treatment, practice):
    html = client.get(treatment.url).content.decode()

    assert f'<option value="{treatment.pk}" selected>' in html
    assert f'name="source_page" value="{treatment.url}"' in html
