"""Page views in a real browser: counted, by the page and the way the visitor arrived, with no cookie,
local storage or session storage set, and a scripted (headless) browser not counted at all."""

import urllib.request

import pytest

from tests.analytics.counting_fixtures import CHROME, counted
from tests.factories import StandardPageFactory
from tests.leads.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(home, practice, settings):
    # Every tab comes from 127.0.0.1: as behind a proxy, each visit names its own address, so the
    # flood limit (one view a second per address) does not hide the views this test makes.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    TreatmentPageFactory(parent=home, title="Chemical peel", slug="chemical-peel")


@pytest.fixture
def person(browser, live_server):
    """A tab of a browser as people use it: headless Chromium names itself HeadlessChrome, which
    the crawler list rightly counts as a robot."""
    context = browser.new_context(base_url=live_server.url, user_agent=CHROME)
    yield context.new_page()
    context.close()


def storage(tab):
    """The cookies, local storage and session storage the site left in the tab's browser."""
    return {
        "cookies": tab.context.cookies(),
        "local": tab.evaluate("() => Object.keys(window.localStorage)"),
        "session": tab.evaluate("() => Object.keys(window.sessionStorage)"),
    }


def test_a_persons_views_are_counted_with_nothing_stored_in_their_browser(person, site, live_server):
    empty = {"cookies": [], "local": [], "session": []}
    urllib.request.urlopen(f"{live_server.url}/").close()  # noqa: S310  # stored by a script: not counted
    person.set_extra_http_headers({"X-Forwarded-For": "203.0.113.1"})
    person.goto("/chemical-peel/?gclid=browser-click&utm_campaign=spring", referer="https://www.google.com/")
    assert storage(person) == empty

    person.set_extra_http_headers({"X-Forwarded-For": "203.0.113.2"})
    assert person.goto("/").headers["x-cache"] == "hit"
    person.set_extra_http_headers({"X-Forwarded-For": "203.0.113.3"})
    with person.expect_navigation():
        person.get_by_role("link", name="About us").first.click()
    assert storage(person) == empty
    # Back to a page the browser still holds (max-age): reused, or at most revalidated (a 304), so
    # not counted again.
    person.set_extra_http_headers({"X-Forwarded-For": "203.0.113.4"})
    person.goto("/")

    assert counted() == {
        ("/chemical-peel/", False, "paid", "google", "spring", "desktop"): 1,
        ("/", False, "direct", "direct", "", "desktop"): 1,
        ("/about/", False, "internal", "", "", "desktop"): 1,
    }
    assert storage(person) == empty


def test_a_headless_browser_is_not_counted(page, site):
    for address, path in (("203.0.113.5", "/"), ("203.0.113.6", "/about/")):
        page.set_extra_http_headers({"X-Forwarded-For": address})
        assert page.goto(path).status == 200

    assert "HeadlessChrome" in page.evaluate("() => navigator.userAgent")
    assert counted() == {}
