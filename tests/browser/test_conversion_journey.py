"""The front desk opens the conversion report in a real browser, picks a period and sorts it."""

import re

import pytest
from playwright.sync_api import expect

from tests.analytics.conftest import END, START, front_desk, small_practice  # noqa: F401 (fixtures)
from tests.browser.conftest import sign_in
from tests.second_factor import authenticator

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def first_cells(page):
    """The name cell of each row, as an expectation that waits for the table to show it."""
    return expect(page.locator("#listing-results tbody tr td:first-child"))


def test_front_desk_opens_the_conversion_report_picks_a_period_and_sorts_it(page, request):
    practice = request.getfixturevalue("small_practice")
    desk = request.getfixturevalue("front_desk")
    paths = practice.paths
    phone = authenticator(desk)

    page.set_default_timeout(10_000)
    sign_in(page, desk, phone)
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Conversion", exact=True).click()
    page.wait_for_url("**/admin/reports/conversion/")

    page.get_by_role("textbox", name="From:").fill(START.isoformat())
    page.get_by_role("textbox", name="To:").fill(END.isoformat())
    page.get_by_role("button", name="Show").click()
    expect(page.locator("[data-conversion-summary]")).to_contain_text("195 views, 5 consultation requests")
    first_cells(page).to_have_text([paths.laser, paths.peels, paths.home])

    page.get_by_role("link", name="Views", exact=True).click()
    expect(page).to_have_url(re.compile(r"ordering=views"))
    first_cells(page).to_have_text([paths.peels, paths.laser, paths.home])
    page.get_by_role("link", name="Views", exact=True).click()
    expect(page).to_have_url(re.compile(r"ordering=-views"))
    first_cells(page).to_have_text([paths.home, paths.laser, paths.peels])
    assert "start=2026-11-02" in page.url
