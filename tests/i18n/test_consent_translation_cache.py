"""The first form shown in a language saves the shipped consent wording's translation as a version
of that language: words that no cached page showed otherwise, so the page cache keeps every page.
A wording staff add does empty it: cached forms would show the old words."""

import pytest

from leads.models import ConsentVersion
from practice.cache import purge_page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_page_cache():
    purge_page_cache()


def test_the_first_spanish_view_leaves_the_english_page_cached(client, laser, laser_in_spanish):
    assert client.get(laser.url)["X-Cache"] == "miss"

    spanish = client.get(laser_in_spanish.url)

    assert "Acepto" in spanish.text  # its consent wording, from the catalogue
    assert ConsentVersion.objects.filter(language="es").count() == 1
    assert client.get(laser.url)["X-Cache"] == "hit"
    assert client.get(laser_in_spanish.url)["X-Cache"] == "hit"


def test_a_wording_staff_add_empties_the_page_cache(client, laser, laser_in_spanish):
    client.get(laser.url)
    client.get(laser_in_spanish.url)

    ConsentVersion.objects.create(language="es", text="Acepto que la clínica me llame.")

    assert client.get(laser_in_spanish.url)["X-Cache"] == "miss"
    assert client.get(laser.url)["X-Cache"] == "miss"
