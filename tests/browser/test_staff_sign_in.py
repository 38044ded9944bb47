"""A front-desk member signs in with a password and an authenticator code, in Chromium, and reaches the leads."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import pass_second_factor
from tests.leads.factories import LeadFactory, StaffFactory
from tests.second_factor import authenticator


def sign_in_with_password(page, username):
    page.goto("/admin/leads/")  # a bookmark to the inbox: first the login page
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("front-desk-password")
    page.get_by_role("button", name="Sign in").click()


def test_front_desk_signs_in_with_password_and_code_and_reaches_the_leads_inbox(page, home, practice):
    LeadFactory(first_name="Imogen", last_name="Varga")
    desk = StaffFactory(username="frontdesk", groups=["Front desk"])
    phone = authenticator(desk)
    page.set_default_timeout(10_000)

    sign_in_with_password(page, desk.username)
    page.wait_for_url(re.compile(r".*/admin/two-factor/verify/\?next=%2Fadmin%2Fleads%2F$"))
    page.goto("/admin/leads/")  # no way round the code
    page.wait_for_url(re.compile(r".*/admin/two-factor/verify/.*"))
    pass_second_factor(page, phone)

    page.wait_for_url("**/admin/leads/")
    expect(page.get_by_role("link", name="Imogen Varga")).to_be_visible()


def test_new_front_desk_member_sets_up_the_app_from_the_qr_code_page_then_works_leads(page, home, practice):
    LeadFactory(first_name="Imogen", last_name="Varga")
    desk = StaffFactory(username="newdesk", groups=["Front desk"])
    page.set_default_timeout(10_000)

    sign_in_with_password(page, desk.username)
    page.wait_for_url(re.compile(r".*/admin/two-factor/enrol/.*"))
    expect(page.locator("[data-totp-qr] svg")).to_be_visible()
    pass_second_factor(page)

    page.wait_for_url("**/admin/leads/")
    expect(page.get_by_role("link", name="Imogen Varga")).to_be_visible()
    assert authenticator(desk).confirmed


pytestmark = pytest.mark.browser
