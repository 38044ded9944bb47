"""A clinic's prices pass the advertising rules like every other page text, and a medicine in one
field with a price in another is one advert."""

from decimal import Decimal

import pytest

from compliance.services import PublishingBlocked, blocking_findings, check_content
from tests.clinics.factories import ClinicPriceFactory, clinic_form_data
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db

POM_PRICE = "Prescription-only medicine with a price or offer"


def test_a_price_for_a_prescription_only_medicine_blocks_publishing_the_clinic(clinic, treatment_index):
    toxin = TreatmentPageFactory(parent=treatment_index, title="Anti-wrinkle injections")
    ClinicPriceFactory(clinic=clinic, treatment=toxin, price=Decimal("200"), is_from_price=True)

    findings = blocking_findings(clinic)

    assert [(finding.rule.name, finding.field) for finding in findings] == [(POM_PRICE, "prices")]
    assert "Anti-wrinkle injections: From £200" in findings[0].excerpt
    with pytest.raises(PublishingBlocked):
        clinic.save_revision().publish()


def test_honest_prices_publish(clinic, treatment):
    ClinicPriceFactory(clinic=clinic, treatment=treatment, price=Decimal("300"), note="per session")

    assert blocking_findings(clinic) == []
    clinic.save_revision().publish()


def test_a_medicine_in_one_field_and_a_price_in_another_is_one_advert(treatment_index):
    page = TreatmentPageFactory.build(
        title="Botox",
        summary="Softens expression lines for a few months.",
        price_guidance="From £199 per area",
    )
    page.search_description = ""

    findings = [finding for finding in check_content(page) if finding.rule.name == POM_PRICE]

    assert [(finding.field, finding.blocks) for finding in findings] == [("title", True)]
    assert findings[0].where == "title, with price guidance"
    assert "Botox … From £199" in findings[0].excerpt


def test_a_medicine_named_with_no_price_anywhere_only_warns(treatment_index):
    page = TreatmentPageFactory.build(
        title="Botox", summary="Softens expression lines.", search_description="", price_guidance=""
    )

    assert [finding for finding in check_content(page) if finding.blocks] == []


def test_the_publishing_gate_refuses_a_medicine_and_price_kept_in_different_fields(treatment_index):
    page = TreatmentPageFactory(
        parent=treatment_index, title="Wrinkle relaxing injections", price_guidance=""
    )
    page.price_guidance = "From £180"

    with pytest.raises(PublishingBlocked):
        page.save_revision().publish()


def test_the_editor_keeps_a_medicines_price_off_the_live_clinic(admin_client, clinic, treatment_index):
    toxin = TreatmentPageFactory(parent=treatment_index, title="Botox")
    data = {**clinic_form_data(clinic, prices=[(toxin, "199")]), "action-publish": "action-publish"}

    response = admin_client.post(f"/admin/pages/{clinic.pk}/edit/", data, follow=True)

    clinic.refresh_from_db()
    assert not clinic.prices.exists()  # the live clinic is as it was
    assert [price.price for price in clinic.get_latest_revision_as_object().prices.all()] == [Decimal("199")]
    assert "saved as a draft but not published" in response.content.decode()
