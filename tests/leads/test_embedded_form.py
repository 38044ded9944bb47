"""The form embedded in treatment pages is rendered once per page and what it shows (the treatment
list, the clinics and what each offers, the consent wording, the form's code), kept across purges
that change none of it; a change to any of it shows on the next render."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from leads.templatetags import leads_tags
from practice.cache import purge_page_cache
from tests.clinics.factories import ClinicPriceFactory
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


def test_a_renamed_category_shows_in_the_next_embedded_form(client, home, practice):
    face = TreatmentCategoryFactory(name="Face")
    treatment = TreatmentPageFactory(parent=home, title="Laser", category=face)
    first = embedded_token(client, treatment.url)

    face.name = "Face and neck"
    face.save()  # purges
    html = embedded_page(client, treatment.url)

    assert TOKEN.search(html).group(1) != first
    assert '<optgroup label="Face and neck">' in html


def test_a_price_added_at_a_clinic_shows_in_the_next_embedded_form(client, clinics, home, practice):
    _marylebone, richmond, laser, _peel = clinics
    hair_removal = TreatmentPageFactory(parent=home, title="Hair removal")
    before = embedded_token(client, laser.url)  # no clinic lists hair removal yet

    ClinicPriceFactory(clinic=richmond, treatment=hair_removal)
    richmond.save_revision().publish()
    html = embedded_page(client, laser.url)

    assert TOKEN.search(html).group(1) != before
    option = BeautifulSoup(html, "html.parser").find("option", string="Hair removal")
    assert option["data-clinics"] == str(richmond.pk)


def test_new_form_code_is_never_served_the_markup_the_old_code_rendered(
    client, treatment, practice, monkeypatch
):
    first = embedded_token(client, treatment.url)

    monkeypatch.setattr(leads_tags, "form_code_version", lambda: "next-release")

    assert embedded_token(client, treatment.url) != first


def test_each_page_embeds_its_own_form(client, home, treatment, practice):
    html = client.get(treatment.url).content.decode()

    assert f'<option value="{treatment.pk}" selected>' in html
    assert f'name="source_page" value="{treatment.url}"' in html


def test_treatments_of_different_categories_each_embed_their_own_list(client, home, practice):
    face, body = TreatmentCategoryFactory(name="Face"), TreatmentCategoryFactory(name="Body")
    laser = TreatmentPageFactory(parent=home, title="Laser", category=face)
    TreatmentPageFactory(parent=home, title="Peel", category=face)
    sculpting = TreatmentPageFactory(parent=home, title="Sculpting", category=body)

    def groups(url):
        soup = BeautifulSoup(embedded_page(client, url), "html.parser")
        return [(group["label"], group.get_text(" ")) for group in soup.find_all("optgroup")]

    assert groups(laser.url) == [("Face", "Laser Peel")]
    assert groups(sculpting.url) == [("Body", "Sculpting")]

    laser.category = body
    laser.save_revision().publish()  # purges

    assert groups(laser.url) == [("Body", "Laser Sculpting")]
    assert groups(sculpting.url) == [("Body", "Laser Sculpting")]
