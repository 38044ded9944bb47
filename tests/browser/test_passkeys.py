"""A front-desk member adds a passkey, then signs in with a password and the passkey, in Chromium.

Chromium's virtual authenticator (through the DevTools protocol) plays the fingerprint reader: it
holds the key, signs the challenge and reports the user as verified, as a real one would.
"""

import re

import pytest
from playwright.sync_api import expect

from staff.models import AccountAction, StaffAccountEvent
from tests.browser.conftest import pass_second_factor
from tests.browser.test_security_policy import watch_for_violations
from tests.browser.test_staff_sign_in import sign_in_with_password
from tests.leads.factories import LeadFactory, StaffFactory
from tests.second_factor import authenticator

pytestmark = pytest.mark.browser


@pytest.fixture
def passkey_origin(live_server, settings):
    """Passkeys are bound to an origin: the live server's, on localhost (secure without HTTPS)."""
    assert live_server.url.startswith("http://localhost:")
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]


def add_fingerprint_reader(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    authenticator_id = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})["authenticatorId"]
    return cdp, authenticator_id


def sign_out(page):
    page.locator("button.sidebar-footer__account").click()  # the account menu, under the user's name
    page.get_by_text("Log out", exact=True).click()
    page.wait_for_url(re.compile(r".*/admin/login/.*"))


@pytest.mark.usefixtures("passkey_origin")
def test_front_desk_adds_a_passkey_then_signs_in_with_password_and_passkey(page, home, practice):
    LeadFactory(first_name="Imogen", last_name="Varga")
    desk = StaffFactory(username="passdesk", groups=["Front desk"])
    phone = authenticator(desk)
    page.set_default_timeout(10_000)
    violations = watch_for_violations(page)
    cdp, reader = add_fingerprint_reader(page)

    sign_in_with_password(page, desk.username)
    pass_second_factor(page, phone)
    page.wait_for_url("**/admin/leads/")
    page.goto("/admin/two-factor/")
    page.get_by_role("button", name="Add a passkey").click()
    expect(
        page.locator("[data-passkeys] li").filter(has=page.get_by_role("button", name="Remove"))
    ).to_have_count(1)
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": reader})["credentials"]) == 1

    sign_out(page)
    sign_in_with_password(page, desk.username)
    page.wait_for_url(re.compile(r".*/admin/two-factor/verify/.*"))
    page.get_by_role("button", name="Use a passkey").click()

    page.wait_for_url("**/admin/leads/")
    expect(page.get_by_role("link", name="Imogen Varga")).to_be_visible()
    assert StaffAccountEvent.objects.filter(subject=desk, action=AccountAction.PASSKEY_ADDED).count() == 1
    assert violations == []
