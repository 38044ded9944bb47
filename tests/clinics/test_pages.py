"""Clinic pages, price lists and the clinics a treatment page names, as patients see them."""

from decimal import Decimal

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail_factories import ImageFactory

from clinics.models import ClinicIndexPage, ClinicPage, ClinicPhoto, PriceListPage
from practice.models import HomePage
from tests.clinics.factories import ClinicPageFactory, ClinicPriceFactory, PriceListPageFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


class TestWhereClinicPagesGo(WagtailPageTestCase):
    def test_clinics_live_under_one_index_on_the_home_page_with_their_price_lists(self):
        self.assertAllowedParentPageTypes(ClinicIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ClinicIndexPage, {ClinicPage, PriceListPage})
        self.assertAllowedParentPageTypes(ClinicPage, {ClinicIndexPage})
        self.assertAllowedSubpageTypes(ClinicPage, {PriceListPage})
        self.assertAllowedParentPageTypes(PriceListPage, {ClinicIndexPage, ClinicPage})


def test_a_clinic_page_shows_how_to_find_and_reach_it(client, clinic):
    clinic.directions = "The blue door beside the pharmacy."
    clinic.parking = "Pay-by-phone bays outside."
    clinic.latitude, clinic.longitude = Decimal("51.520180"), Decimal("-0.147590")
    clinic.save()
    ClinicPhoto.objects.create(clinic=clinic, image=ImageFactory(), alt_text="Our reception desk")

    html = client.get(clinic.url).content.decode()

    assert clinic.street_address in html and 'href="tel:02079460455"' in html
    assert "The blue door beside the pharmacy." in html and "Pay-by-phone bays outside." in html
    assert (
        'href="https://www.openstreetmap.org/?mlat=51.520180&amp;mlon=-0.147590#map=17/51.520180/-0.147590"'
        in html
    )
    assert "<iframe" not in html  # a link to the map, nothing of it loaded on the page
    assert 'alt="Our reception desk"' in html


def test_without_a_position_the_map_link_searches_for_the_address(clinic):
    assert clinic.map_url.startswith("https://www.openstreetmap.org/search?query=")
    assert clinic.postal_code.replace(" ", "+") in clinic.map_url


def test_a_position_needs_both_latitude_and_longitude(clinic):
    clinic.latitude = Decimal("51.5")

    with pytest.raises(Exception, match="both the latitude and the longitude"):
        clinic.full_clean()


def test_a_clinic_with_no_treatments_says_to_ask(client, clinic):
    html = client.get(clinic.url).content.decode()

    assert "Call us to ask which treatments this clinic offers." in html


def test_the_clinics_inbox_is_its_own_address_or_else_the_practices(clinic):
    assert clinic.inbox(["practice@example.com"]) == [clinic.email]
    clinic.email = ""
    assert clinic.inbox(["practice@example.com"]) == ["practice@example.com"]


def test_the_index_lists_live_clinics_only(client, clinics_index, clinic):
    ClinicPageFactory(parent=clinics_index, title="Closed branch", live=False)

    html = client.get(clinics_index.url).content.decode()

    assert "Marylebone" in html and "Closed branch" not in html


@pytest.fixture
def two_clinics_with_prices(clinics_index, clinic, treatment_index, treatment):
    richmond = ClinicPageFactory(parent=clinics_index, title="Richmond", slug="richmond")
    peel = TreatmentPageFactory(parent=treatment_index, title="Chemical peel", slug="peel")
    ClinicPriceFactory(
        clinic=clinic, treatment=treatment, price=Decimal("300"), is_from_price=True, note="per session"
    )
    ClinicPriceFactory(clinic=richmond, treatment=treatment, price=Decimal("280.50"))
    ClinicPriceFactory(clinic=clinic, treatment=peel, price=None)
    return clinic, richmond, treatment, peel


def test_a_treatment_page_lists_the_clinics_that_offer_it_with_their_prices(
    client, two_clinics_with_prices, practice
):
    _marylebone, _richmond, treatment, peel = two_clinics_with_prices

    html = client.get(treatment.url).content.decode()
    peel_html = client.get(peel.url).content.decode()

    assert "Where to have Laser skin tightening" in html
    assert "Marylebone</a>: From £300 per session" in html and "Richmond</a>: £280.50" in html
    # Before the form, which lists every clinic to choose from.
    peel_offering = peel_html.split('<form class="consultation-form"')[0]
    assert "Marylebone</a>: Price at consultation" in peel_offering and "Richmond" not in peel_offering


def test_a_clinic_not_yet_live_is_not_named_on_treatment_pages(client, two_clinics_with_prices, practice):
    _marylebone, richmond, treatment, _peel = two_clinics_with_prices
    richmond.unpublish()

    html = client.get(treatment.url).content.decode()

    assert "Marylebone</a>" in html and "Richmond</a>" not in html


def test_a_practice_without_clinics_sees_its_treatment_pages_unchanged(client, treatment, practice):
    html = client.get(treatment.url).content.decode()

    assert "Where to have" not in html and "clinics-offering" not in html


def test_the_practice_price_list_groups_every_clinics_prices_by_treatment(
    client, two_clinics_with_prices, clinics_index
):
    price_list = PriceListPageFactory(parent=clinics_index)

    html = client.get(price_list.url).content.decode()

    peel, laser = html.index("Chemical peel</a>"), html.index("Laser skin tightening</a>")
    assert peel < laser  # treatments by title
    laser_section = html[laser:]
    assert laser_section.index("Marylebone") < laser_section.index("Richmond")
    assert "From £300 per session" in laser_section and "£280.50" in laser_section


def test_a_clinic_price_list_shows_that_clinics_prices_only(client, two_clinics_with_prices):
    marylebone, richmond, _treatment, _peel = two_clinics_with_prices
    price_list = PriceListPageFactory(parent=richmond)

    html = client.get(price_list.url).content.decode()

    assert price_list.clinic.pk == richmond.pk
    assert "£280.50" in html and "From £300" not in html and "Chemical peel" not in html


def test_publishing_a_new_price_shows_it_on_the_clinic_and_treatment_pages(
    client, clinic, treatment, practice
):
    ClinicPriceFactory(clinic=clinic, treatment=treatment, price=Decimal("300"))
    assert "£300" in client.get(treatment.url).content.decode()
    assert "£300" in client.get(clinic.url).content.decode()

    price = clinic.prices.get()
    price.price = Decimal("320")
    clinic.prices = [price]
    clinic.save_revision().publish()

    assert "£320" in client.get(treatment.url).content.decode()
    assert "£320" in client.get(clinic.url).content.decode()


def test_editors_can_add_a_clinic_with_its_inline_panels(admin_client, clinics_index):
    response = admin_client.get(f"/admin/pages/add/clinics/clinicpage/{clinics_index.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    for panel in (
        "Opening hours",
        "Closures and special hours",
        "Photos",
        "Treatments and prices",
        "Getting here",
    ):
        assert panel in html
