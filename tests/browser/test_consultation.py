"""A patient asks for a consultation in a real browser, makes a mistake, fixes it, and is thanked."""

import pytest

from leads.models import Lead
from tests.leads.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_patient_fixes_a_mistake_and_reaches_the_thank_you_page(page, practice, home, settings):
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    treatment = TreatmentPageFactory(parent=home, title="Chemical peel", slug="chemical-peel")

    page.goto(f"/consultation/?treatment={treatment.slug}")
    page.get_by_label("First name").fill("Ann")
    page.get_by_label("Last name").fill("O'Neill")
    page.get_by_label("Phone", exact=True).fill("not a number")
    page.get_by_role("button", name="Send my request").click()

    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "consultation-errors"
    # What was typed is still there, and the treatment still chosen.
    assert page.get_by_label("Last name").input_value() == "O'Neill"
    assert page.get_by_label("Treatment you are interested in").input_value() == str(treatment.pk)

    page.get_by_label("Phone", exact=True).fill("020 7946 0321")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send my request").click()

    page.wait_for_url("**/consultation/thank-you/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you, we have your request"
    lead = Lead.objects.get()
    assert lead.last_name == "O'Neill"
    assert str(lead.phone) == "+442079460321"
    assert lead.treatment == treatment
    assert lead.status == Lead.Status.NEW
    assert len(lead.idempotency_key) == 64
