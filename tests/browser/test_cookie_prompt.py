"""The attribution cookie prompt in a real browser: shown until answered, worked by keyboard, and
no attribution cookie unless the visitor accepts."""

import pytest
from playwright.sync_api import expect

from leads.landing import CHOICE_COOKIE_NAME, COOKIE_NAME, read_cookie
from tests.leads.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROMPT = "May we remember how you found us?"


@pytest.fixture
def ad_landing(home, practice, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "consent"
    treatment = TreatmentPageFactory(parent=home, title="Chemical peel", slug="chemical-peel")
    return f"{treatment.url}?gclid=browser-click&utm_campaign=spring"


def cookies(page):
    return {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}


def test_accepting_by_keyboard_records_the_landing(page, ad_landing):
    page.goto(ad_landing, referer="https://www.google.com/")

    prompt = page.get_by_role("region", name=PROMPT)
    expect(prompt).to_be_visible()
    assert COOKIE_NAME not in cookies(page)
    # The prompt is last in the page: from the top, Shift+Tab reaches its buttons, last one first.
    page.keyboard.press("Shift+Tab")
    expect(prompt.get_by_role("button", name="No thanks")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(prompt.get_by_role("button", name="Accept")).to_be_focused()
    # No focus trap: Tab leaves the prompt as well as it entered.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    with page.expect_response("**/consultation/cookie-choice/") as answer:
        page.keyboard.press("Enter")

    assert answer.value.status == 204
    expect(prompt).to_be_hidden()
    stored = read_cookie(cookies(page))
    assert stored.click_id == "browser-click"
    assert stored.referrer == "https://www.google.com/"
    assert cookies(page)[CHOICE_COOKIE_NAME] == "accepted"
    page.reload()
    expect(page.get_by_role("region", name=PROMPT)).to_be_hidden()


def test_no_thanks_hides_the_prompt_and_sets_no_attribution_cookie(page, ad_landing):
    page.goto(ad_landing, referer="https://www.google.com/")
    prompt = page.get_by_role("region", name=PROMPT)

    with page.expect_response("**/consultation/cookie-choice/"):
        prompt.get_by_role("button", name="No thanks").click()

    expect(prompt).to_be_hidden()
    assert cookies(page).get(CHOICE_COOKIE_NAME) == "refused"
    assert COOKIE_NAME not in cookies(page)
    page.goto(ad_landing, referer="https://www.google.com/")
    expect(page.get_by_role("region", name=PROMPT)).to_be_hidden()
    assert COOKIE_NAME not in cookies(page)
