"""The Arabic laser page in Chromium, right to left: Bootstrap's RTL stylesheet, a layout that
mirrors the English page's, a consultation form a keyboard user can send, no text overlapping
other text, and no accessibility violations."""

import re

import pytest
from wagtail.models import Locale

from leads.models import Lead
from tests.browser.test_accessibility import axe_violations, page  # noqa: F401  (a tab axe can run in)
from tests.browser.test_keyboard_journey import complete_by_keyboard, tab_until
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENGLISH = "/treatments/laser-skin-tightening/"
THANK_YOU = re.compile(r".*/ar/consultation/thank-you/\?clinic=\d+$")

# Where each element starts and ends across the page: its inline start edge is the left one in
# English and the right one in Arabic.
EDGES = """(selectors) => {
    const width = document.documentElement.clientWidth;
    return Object.fromEntries(selectors.map((selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return [selector, {left: box.left, right: width - box.right}];
    }));
}"""

# Pairs of visible text elements whose boxes overlap, neither inside the other (the cookie prompt
# is left out: it is a bar fixed over the page's foot, which scrolls under it by design; so is the
# form's clipped trap field, which no one sees).
OVERLAPS = """() => {
    const texts = [...document.querySelectorAll(
        "header a, header button, h1, h2, p, label, summary, dt, dd, .btn, .form-text"
    )].filter((el) => el.offsetParent !== null && el.innerText.trim() && !el.closest("[data-cookie-prompt], .visually-hidden"));
    const found = [];
    texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
        if (a.contains(b) || b.contains(a)) return;
        const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
        const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (x > 1 && y > 1) found.push(`${a.outerHTML.slice(0, 80)} / ${b.outerHTML.slice(0, 80)}`);
    }));
    return found;
}"""

MIRRORED = [".site-name", "label[for=id_first_name]", "input[name=first_name]", "h1"]


def arabic_laser_url():
    laser = TreatmentPage.objects.get(slug="laser-skin-tightening", locale=Locale.get_default())
    return laser.get_translation(Locale.objects.get(language_code="ar")).url


@pytest.fixture
def arabic(committed_demo, page, settings):  # noqa: F811  (the tab from test_accessibility)
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(reduced_motion="reduce")
    return page


def test_the_arabic_page_is_right_to_left_mirrored_and_sent_by_keyboard(arabic):
    """One tab for all: the form is sent first, then the layout is compared with the English page's."""
    arabic.goto(arabic_laser_url())

    tab_until(arabic, lambda focus: focus["name"] == "first_name")
    arabic.keyboard.type("سارة")
    arabic.keyboard.press("Tab")
    arabic.keyboard.type("Lee")
    complete_by_keyboard(arabic, "020 7946 0321", send="أرسل طلبي")  # the clinic is asked in Arabic too

    arabic.wait_for_url(THANK_YOU)
    assert arabic.evaluate("document.documentElement.dir") == "rtl"
    lead = Lead.objects.get()
    assert (lead.first_name, lead.language, lead.clinic.slug) == ("سارة", "ar", "marylebone")

    arabic.goto(ENGLISH)
    english = arabic.evaluate(EDGES, MIRRORED)
    arabic.goto(arabic_laser_url())

    assert arabic.evaluate("document.documentElement.dir") == "rtl"
    assert arabic.locator("link[href*='bootstrap.rtl.site']").count() == 1
    mirrored = arabic.evaluate(EDGES, MIRRORED)
    for selector in MIRRORED:
        # The English inline start (left) is the Arabic one (right), to a pixel.
        assert abs(english[selector]["left"] - mirrored[selector]["right"]) <= 1, (
            selector,
            english,
            mirrored,
        )
    assert arabic.evaluate(OVERLAPS) == []

    assert axe_violations(arabic, arabic_laser_url()) == []
