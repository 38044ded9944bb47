import json

import pytest

from leads.models import Lead
from tests.browser.forms import send_consultation_request
from tests.treatments.factories import TreatmentPageFactory, faq_block

pytestmark = pytest.mark.django_db(transaction=True)


def test_patient_reads_an_faq_answer_and_goes_to_book_this_treatment(page, treatment_index, practice):
    block = faq_block(questions=2)
    treatment = TreatmentPageFactory(
        parent=treatment_index, slug="laser-skin-tightening", body=json.dumps([block])
    )
    first = block["value"]["questions"][0]

    page.goto(treatment.url)
    question = page.locator("details.faq-item").first
    answer = question.locator(".faq-answer")
    assert not answer.is_visible()

    question.locator("summary").click()

    assert question.get_attribute("open") is not None
    assert answer.is_visible()
    assert answer.inner_text().startswith(first["answer"].split(" <b>")[0].removeprefix("<p>"))

    page.get_by_role("link", name="Book a consultation").first.click()
    page.wait_for_url("**/consultation/**")

    assert page.url == f"{page.url.split('/consultation/')[0]}/consultation/?treatment=laser-skin-tightening"
    assert page.get_by_label("Treatment you are interested in").input_value() == str(treatment.pk)


def test_patient_sends_the_form_embedded_in_a_treatment_page(page, treatment_index, practice, settings):
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    treatment = TreatmentPageFactory(parent=treatment_index, slug="chemical-peel", title="Chemical peel")

    page.goto(treatment.url)
    form = page.locator("#consultation form")
    assert form.get_by_label("Treatment you are interested in").input_value() == str(treatment.pk)
    send_consultation_request(form, "Maya", "Okafor", email="maya.okafor@example.com")

    page.wait_for_url("**/consultation/thank-you/")
    lead = Lead.objects.get()
    assert (lead.last_name, lead.treatment, lead.treatment_title) == ("Okafor", treatment, "Chemical peel")
    assert lead.source_page == treatment.url
