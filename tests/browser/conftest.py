"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server."""

import os
import re
from base64 import b32decode
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Where a request sent to one of several clinics lands: the thank-you page naming that clinic.
THANK_YOU_AT_A_CLINIC = re.compile(r".*/consultation/thank-you/\?clinic=\d+$")


@pytest.fixture(scope="session")
def browser():
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright runs the tests in a greenlet with its own context, where Django's per-context
    # connections lack the snapshot that serialized_rollback restores after a flush: carry it over.
    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab whose relative URLs resolve against the live server."""
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    yield tab
    context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Each browser test against the live server empties the database; serialized rollback
            # puts back what migrations made (locale, root page, content types), so browser tests
            # pass in any order. A journey that starts its own site uses no test database.
            if "live_server" in item.fixturenames:
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """What migrations put in the database, captured before any browser test empties it."""
    from django.db import connection

    with django_db_blocker.unblock():
        return (
            getattr(connection, "_test_serialized_contents", None)
            or connection.creation.serialize_db_to_string()
        )


@pytest.fixture(autouse=True)
def restore_migrated_data(request, migrated_data):
    """Hand Django's serialized rollback its data again: the connection that held it may be gone.

    Django keeps it on the connection object, and a test that ran earlier in another context can
    leave this test with a new connection object without it.
    """
    from django.db import connection

    connection._test_serialized_contents = migrated_data


def sign_in(page, user, device, url="/admin/login/"):
    """`user` (a StaffFactory member of staff) signs in at `url` with their password, then the code of
    `device`, their authenticator."""
    page.goto(url)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("front-desk-password")
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, device)


def pass_second_factor(page, device=None):
    """After the password, the step staff who see leads or publish pages must take (staff/).

    On the enrolment page, do what a person's phone does: read the key shown under the QR code and
    type the code it gives, then leave the recovery codes page. On the code page, type the code of
    `device` (their phone, set up earlier).
    """
    from django_otp.oath import totp

    from tests.second_factor import current_code

    page.wait_for_url(re.compile(r".*/admin/two-factor/(enrol|verify)/.*"))
    if urlsplit(page.url).path.endswith("/enrol/"):
        key = b32decode(page.locator("[data-totp-secret]").inner_text().replace(" ", ""))
        page.get_by_label("Code").fill(f"{totp(key):06d}")
        page.get_by_role("button", name="Turn on two-factor sign-in").click()
        page.locator("[data-recovery-codes] li").first.wait_for()
        page.get_by_role("link", name="I have saved them: continue").click()
    else:
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()


def tick_time(form, label):
    """Tick the preferred time named `label` ("Tuesday 8 December, 10:30") in `form`, unfolding its
    day first as a person would: the time's checkbox, in the group its day names."""
    day_name, time = label.rsplit(", ", 1)
    day = form.locator("details").filter(has=form.page.locator("summary", has_text=day_name))
    if day.get_attribute("open") is None:
        day.locator("summary").click()
    day.get_by_role("group", name=day_name).get_by_role("checkbox", name=time, exact=True).check()
