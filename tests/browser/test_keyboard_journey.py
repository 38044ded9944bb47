"""A patient who uses only the keyboard goes from the home page to a sent consultation request.

WCAG 2.2 AA along the way: a skip link that moves focus to the content (2.4.1), a visible focus
indicator on every control (2.4.7) that nothing covers (2.4.11), controls at least 24 by 24 CSS
pixels (2.5.8; links inside text are exempt), FAQ answers opened with Enter and Space, and errors
announced (role=alert) with focus moved to their summary (3.3.1).
"""

import pytest

from leads.models import Lead
from tests.browser.conftest import THANK_YOU_AT_A_CLINIC

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What the focused element looks like: its focus ring, size and whether anything covers it.
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        name: el.getAttribute("name") || "",
        type: el.getAttribute("type") || "",
        href: el.getAttribute("href") || "",
        text: (el.innerText || el.value || "").trim().slice(0, 60),
        display: style.display,
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
        width: box.width,
        height: box.height,
        // One pixel of slack: the browser scrolls a control just into view, to a fractional position.
        inViewport: box.top >= -1 && box.left >= -1 && box.bottom <= innerHeight + 1 && box.right <= innerWidth + 1,
        coveredBy: hit ? hit.outerHTML.slice(0, 150) : null,
        uncovered: hit !== null && (el === hit || el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some((label) => label.contains(hit)))),
    };
}"""

CONTROLS = {"a", "button", "input", "select", "textarea", "summary"}


def describe(focus):
    return (
        f"<{focus['tag']} id={focus['id']!r} name={focus['name']!r} href={focus['href']!r}> {focus['text']!r}"
    )


def check_focus(page):
    """The focused control shows a focus ring, is on screen and uncovered, and is big enough."""
    focus = page.evaluate(FOCUSED)
    if focus["tag"] == "main":  # after the skip link: the content itself, not a control
        return focus
    assert focus["ring"], f"no visible focus on {describe(focus)}"
    assert focus["inViewport"] and focus["uncovered"], f"focus obscured on {describe(focus)} {focus}"
    if focus["tag"] in CONTROLS and not (focus["tag"] == "a" and focus["display"] == "inline"):
        assert min(focus["width"], focus["height"]) >= 24, f"target under 24px: {describe(focus)} {focus}"
    return focus


def tab_until(page, wanted, limit=120):
    """Press Tab until `wanted(focus)` holds, checking every control focus passes on the way."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = check_focus(page)
        assert focus["tag"] in CONTROLS, f"Tab stopped on something that is not a control: {describe(focus)}"
        if wanted(focus):
            return focus
    raise AssertionError(f"never reached the wanted control; last was {describe(focus)}")


def complete_by_keyboard(page, phone, send):
    """From the name fields on: type the phone number, pick the first clinic (the demo has two
    offering laser: the first radio button takes focus, Space picks it), agree, and press the
    button labelled `send`."""
    tab_until(page, lambda focus: focus["name"] == "phone")
    page.keyboard.type(phone)
    tab_until(page, lambda focus: focus["name"] == "clinic")
    page.keyboard.press(" ")
    tab_until(page, lambda focus: focus["name"] == "consent")
    page.keyboard.press(" ")
    tab_until(page, lambda focus: focus["tag"] == "button" and focus["text"] == send)
    page.keyboard.press("Enter")


def test_keyboard_user_goes_from_home_to_a_sent_request(committed_demo, page, settings):
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    page.set_viewport_size({"width": 1280, "height": 800})
    # Bootstrap scrolls smoothly otherwise: focus would be measured while the page is still moving.
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")

    # The skip link comes first, shows when focused, and moves focus to the content.
    page.keyboard.press("Tab")
    assert check_focus(page)["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # From the content, on to the laser treatment page.
    tab_until(page, lambda focus: focus["href"].endswith("/treatments/laser-skin-tightening/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/treatments/laser-skin-tightening/")

    # The FAQ opens with Enter on one question and with Space on the next.
    tab_until(page, lambda focus: focus["tag"] == "summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open") is True
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.tagName") != "SUMMARY":  # the answer held a link
        tab_until(page, lambda focus: focus["tag"] == "summary")
    page.keyboard.press(" ")
    assert page.evaluate("document.activeElement.parentElement.open") is True

    # The embedded form, sent with no way to reach the patient and no consent.
    tab_until(page, lambda focus: focus["name"] == "first_name")
    page.keyboard.type("Ann")
    page.keyboard.press("Tab")
    page.keyboard.type("Lee")
    tab_until(page, lambda focus: focus["tag"] == "button" and focus["text"] == "Send my request")
    page.keyboard.press("Enter")

    # The errors are announced, and focus is on their summary.
    page.wait_for_url("**/consultation/")
    alert = page.get_by_role("alert")
    assert "There is a problem" in alert.inner_text()
    assert "consent" in alert.inner_text().lower()
    assert page.evaluate("document.activeElement.id") == "consultation-errors"
    check_focus(page)

    # Fixed from the keyboard and sent.
    complete_by_keyboard(page, "020 7946 0321", send="Send my request")

    page.wait_for_url(THANK_YOU_AT_A_CLINIC)
    lead = Lead.objects.get()
    assert (lead.first_name, lead.last_name, str(lead.phone)) == ("Ann", "Lee", "+442079460321")
    assert lead.clinic.title == "Marylebone"
    assert lead.treatment.slug == "laser-skin-tightening"
