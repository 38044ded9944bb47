import importlib

import pytest

from tests.leads.factories import LeadFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def front_desk_group(transactional_db):
    """The group the data migration creates: an earlier transactional test may have flushed it."""
    from django.apps import apps

    importlib.import_module("leads.migrations.0004_front_desk_group_and_search_indexes").add_front_desk_group(
        apps
    )


def test_front_desk_finds_a_new_lead_assigns_it_marks_it_contacted_and_sees_it_in_the_report(
    page, front_desk_group
):
    # The coordinator switches this to a submission through the consultation form once capture lands.
    lead = LeadFactory(first_name="Imogen", last_name="Varga", utm_source="instagram")
    LeadFactory.create_batch(3)
    desk = StaffFactory(username="frontdesk", first_name="Fran", last_name="Desk", groups=["Front desk"])

    page.set_default_timeout(10_000)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(desk.username)
    page.get_by_label("Password").fill("front-desk-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Leads (4 new)").click()

    page.locator('input[name="q"]').fill("Varga")
    page.locator('input[name="q"]').press("Enter")
    page.wait_for_function("document.querySelectorAll('#listing-results tbody tr').length === 1")
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
