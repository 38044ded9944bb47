"""A patient asks for a consultation in a real browser, makes a mistake, fixes it, and is thanked."""

import time

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


def test_a_correction_sent_a_second_after_the_error_is_a_real_request(page, practice, settings, form_clock):
    # The real three-second minimum: it counts from when the form was first shown, not re-shown.
    assert settings.LEADS_FORM_MIN_SECONDS == 3

    page.goto("/consultation/")
    page.get_by_label("First name").fill("Ann")
    page.get_by_label("Last name").fill("Lee")
    page.get_by_role("textbox", name="Email").fill("ann@example")  # a typo
    page.get_by_label("Phone", exact=True).fill("020 7946 0321")
    page.get_by_label("I agree").check()
    form_clock(3.5)  # reading and typing take a person longer than three seconds
    page.get_by_role("button", name="Send my request").click()
    assert "There is a problem" in page.get_by_role("alert").inner_text()

    sent_at = time.monotonic()
    page.get_by_role("textbox", name="Email").fill("ann@example.com")
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url("**/consultation/thank-you/")

    # Well inside the three seconds a fresh token on the error page would have demanded.
    assert time.monotonic() - sent_at < 3
    lead = Lead.objects.get()
    assert lead.email == "ann@example.com"
    assert lead.status == Lead.Status.NEW
    assert lead.notification_state == Lead.NotificationState.PENDING
