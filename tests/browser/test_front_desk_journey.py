"""The front desk's day in Chromium: sign in with a password and a code, find a lead, filter the
inbox, export the filtered list in the background and download the file when it is ready."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from frontdesk import background_exports
from leads.models import Lead, LeadAccess
from tests.browser.conftest import sign_in
from tests.leads.factories import LeadFactory, StaffFactory, TreatmentPageFactory
from tests.leads.test_notifications import run_worker
from tests.second_factor import authenticator


@pytest.fixture
def inbox(home, practice):
    """Two chemical-peel leads (one whose message a spreadsheet would run as a formula), and leads
    the treatment filter must leave out: another treatment, no treatment, and a chemical peel
    filed as spam, which the inbox hides."""
    peel = TreatmentPageFactory(parent=home, title="Chemical peel")
    laser = TreatmentPageFactory(parent=home, title="Laser skin tightening")
    peels = [
        LeadFactory(first_name="Imogen", last_name="Varga", treatment=peel, treatment_title=peel.title),
        LeadFactory(
            first_name="Otto",
            last_name="Brandt",
            treatment=peel,
            treatment_title=peel.title,
            message='=HYPERLINK("http://evil.example","Click")',
        ),
    ]
    LeadFactory(last_name="Laserson", treatment=laser, treatment_title=laser.title)
    LeadFactory(last_name="Undecided", treatment=None, treatment_title="")
    LeadFactory(last_name="Spammer", treatment=peel, treatment_title=peel.title, status=Lead.Status.SPAM)
    return peels


def test_front_desk_finds_a_lead_exports_the_filtered_inbox_and_downloads_it_when_ready(
    page, inbox, monkeypatch
):
    # Two leads make a "large" XLSX export here, as 5,001 do in production: the background path.
    monkeypatch.setattr(background_exports, "BACKGROUND_ROWS", 1)
    imogen, otto = inbox
    desk = StaffFactory(username="frontdesk", groups=["Front desk"])
    phone = authenticator(desk)
    page.set_default_timeout(10_000)

    sign_in(page, desk, phone, url="/admin/leads/")
    page.wait_for_url("**/admin/leads/")

    rows = page.locator("#listing-results tbody tr")
    expect(rows).to_have_count(4)  # the spam lead is hidden
    page.locator('input[name="q"]').fill("Varga")
    expect(rows).to_have_count(1)
    page.get_by_role("link", name="Imogen Varga").click()
    page.wait_for_url(f"**/admin/leads/{imogen.pk}/")
    expect(page.locator("[data-lead-status]")).to_have_text("New")

    page.get_by_role("link", name="Leads (4 new)").click()  # the menu, back to the inbox
    page.wait_for_url("**/admin/leads/")
    expect(rows).to_have_count(4)
    page.get_by_role("button", name="Filters").click()
    page.get_by_role("button", name="Treatment").click()
    page.get_by_label("Treatment").select_option(label="Chemical peel")
    expect(rows).to_have_count(2)

    page.get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Download XLSX").click()
    page.wait_for_url(re.compile(r".*/admin/leads/exports/\d+/$"))
    expect(page.locator("[data-export-state]")).to_contain_text("0 of 2 written")
    expect(page.get_by_role("progressbar", name="Export progress")).to_be_visible()

    # The worker production runs (`manage.py db_worker`), once through the queue, in this process
    # so that it works on the test database the live server serves.
    run_worker()

    # The page reloads itself every few seconds: the link appears without anyone pressing anything.
    download_link = page.get_by_role("link", name="Download the spreadsheet")
    expect(download_link).to_be_visible(timeout=10_000)
    with page.expect_download() as download:
        download_link.click()

    assert re.fullmatch(r"leads-\d{4}-\d{2}-\d{2}-\d{4}\.xlsx", download.value.suggested_filename)
    # Playwright saves the file under a name without its extension, which openpyxl refuses.
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    heading, *leads = sheet.iter_rows()
    columns = {cell.value: index for index, cell in enumerate(heading)}
    assert sorted(row[columns["ID"]].value for row in leads) == sorted([imogen.pk, otto.pk])
    assert {row[columns["Treatment"]].value for row in leads} == {"Chemical peel"}
    [formula] = [row[columns["Message"]] for row in leads if row[columns["ID"]].value == otto.pk]
    assert (formula.value, formula.data_type) == (otto.message, "s")  # text, never run
    exported = LeadAccess.objects.get(kind=LeadAccess.Kind.LIST_EXPORTED)
    assert (exported.actor, exported.lead_count) == (desk, 2)
