import pytest
from playwright.sync_api import expect

from leads.models import Lead
from tests.browser.conftest import sign_in
from tests.browser.forms import send_consultation_request
from tests.leads.factories import LeadFactory, StaffFactory, TreatmentPageFactory
from tests.second_factor import authenticator

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def send_request_as_a_patient(page, treatment):
    page.goto(f"/consultation/?treatment={treatment.slug}")
    send_consultation_request(page, "Imogen", "Varga", phone="020 7946 0555")
    page.wait_for_url("**/consultation/thank-you/")


def test_front_desk_finds_a_new_lead_assigns_it_marks_it_contacted_and_sees_it_in_the_report(
    page, home, practice, settings
):
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    # Named, not Faker's: its surnames include "Vargas", which the search for "Varga" also finds.
    LeadFactory.create_batch(3, last_name="Quarrendon")
    send_request_as_a_patient(page, TreatmentPageFactory(parent=home, title="Chemical peel"))
    lead = Lead.objects.get(last_name="Varga")
    desk = StaffFactory(username="frontdesk", first_name="Fran", last_name="Desk", groups=["Front desk"])
    phone = authenticator(desk)

    page.set_default_timeout(10_000)
    sign_in(page, desk, phone)
    page.get_by_role("link", name="Leads (4 new)").click()

    page.locator('input[name="q"]').fill("Varga")
    page.locator('input[name="q"]').press("Enter")
    # A locator, not wait_for_function: the admin's CSP forbids the eval that would need.
    expect(page.locator("#listing-results tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Imogen Varga").click()
    page.wait_for_url(f"**/admin/leads/{lead.pk}/")

    page.locator('[data-lead-action="assign"] select').select_option(label="Fran Desk")
    page.locator('[data-lead-action="assign"]').get_by_role("button", name="Assign").click()
    page.locator('[data-lead-action="status"] select').select_option(label="Contacted")
    page.locator('[data-lead-action="status"]').get_by_role("button", name="Change status").click()

    timeline = page.locator(".lead-timeline")
    assert "assigned it to Fran Desk" in timeline.inner_text()
    assert "moved it from New to Contacted" in timeline.inner_text()
    assert page.locator("[data-lead-status]").text_content().strip() == "Contacted"

    page.goto("/admin/leads/report/")
    pipeline = page.locator('[data-report="pipeline"]')
    assert "Contacted" in pipeline.inner_text()
    contacted_row = pipeline.locator("tr", has_text="Contacted")
    assert contacted_row.locator("td").first.inner_text() == "1"
    assert "1 lead answered" in page.locator('[data-report="first-response"]').inner_text()
