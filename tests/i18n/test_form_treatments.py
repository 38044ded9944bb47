"""The consultation form lists each treatment once, under its title in the page's language, and a
lead points at the treatment's source page (the one clinics price and the front desk works),
whichever language the patient read it in; it asks which clinic in every language."""

import re

import pytest

from leads.models import Lead
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory
from tests.leads.conftest import valid_answers

pytestmark = pytest.mark.django_db

OPTION = re.compile(r'<option value="(\d+)"([^>]*)>([^<]+)</option>')
CLINIC = re.compile(r'name="clinic" value="(\d+)"')


def listed(html):
    """{treatment id: (title, selected)} of the form's treatment list."""
    return {int(pk): (title, "selected" in attrs) for pk, attrs, title in OPTION.findall(html)}


def test_each_language_lists_the_treatment_once_under_its_own_title(client, laser, laser_in_spanish):
    english = listed(client.get("/consultation/").content.decode())
    spanish = listed(client.get("/es/consultation/").content.decode())

    assert english == {laser.pk: ("Laser skin tightening", False)}
    assert spanish == {laser.pk: ("Tensado con láser", False)}


def test_a_link_naming_the_translations_slug_preselects_the_treatment(client, laser, laser_in_spanish):
    html = client.get("/es/consultation/", {"treatment": "tensado-con-laser"}).content.decode()

    assert listed(html) == {laser.pk: ("Tensado con láser", True)}


def test_a_request_from_the_translated_page_points_at_the_source_treatment(client, laser, laser_in_spanish):
    page = client.get(laser_in_spanish.url).content.decode()
    assert listed(page)[laser.pk] == ("Tensado con láser", True)

    response = client.post(
        "/es/consultation/",
        valid_answers(treatment=str(laser.pk), source_page=laser_in_spanish.url),
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert response.status_code == 302
    lead = Lead.objects.get()
    assert (lead.treatment_id, lead.language) == (laser.pk, "es")


@pytest.fixture
def two_clinics(home, spanish_home):
    """Clinics pages in English only, as a practice that translated its treatments first has them."""
    index = ClinicIndexPageFactory(parent=home)
    return [
        ClinicPageFactory(parent=index, title=title, slug=title.lower())
        for title in ("Marylebone", "Richmond")
    ]


def test_a_spanish_request_chooses_its_clinic_as_an_english_one_does(
    client, laser, laser_in_spanish, two_clinics
):
    marylebone, richmond = two_clinics
    for url in ("/consultation/", "/es/consultation/", laser_in_spanish.url):
        radios = CLINIC.findall(client.get(url).content.decode())
        assert radios == [str(marylebone.pk), str(richmond.pk)], url

    client.post(
        "/es/consultation/",
        valid_answers(treatment=str(laser.pk), clinic=str(richmond.pk)),
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    lead = Lead.objects.get()
    assert (lead.clinic_id, lead.language) == (richmond.pk, "es")
