"""The form's treatment list follows the clinic a patient picks, from the keyboard alone (issue 21):
on the demo's two clinics, each shows what it offers, and a treatment chosen first stays chosen with
a note where the clinic picked next does not offer it."""

from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE

# The demo's treatments by category: Marylebone offers microneedling, Richmond radiofrequency body
# tightening, both the laser and the peel; no clinic lists anti-wrinkle injections yet, so both may.
AT_MARYLEBONE = [
    ("Skin tightening", ["Laser skin tightening"]),
    ("Injectables", ["Anti-wrinkle injections"]),
    ("Peels and resurfacing", ["Chemical peel", "Microneedling"]),
]
AT_RICHMOND = [
    ("Skin tightening", ["Laser skin tightening", "Radiofrequency body tightening"]),
    ("Injectables", ["Anti-wrinkle injections"]),
    ("Peels and resurfacing", ["Chemical peel"]),
]
LISTED = """select => Array.from(select.querySelectorAll("optgroup"))
    .filter(group => !group.hidden)
    .map(group => [group.label, Array.from(group.children).filter(o => !o.hidden && !o.disabled).map(o => o.text)])"""


def listed(page):
    """[(category, [treatment, ...]), ...] the list shows: neither hidden nor disabled."""
    return [tuple(group) for group in page.locator('select[name="treatment"]').evaluate(LISTED)]


def tab_to(page, name, limit=40):
    """Press Tab until the control named `name` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def test_the_treatment_list_follows_the_clinic_picked_from_the_keyboard(
    committed_demo, page, browser, live_server
):
    page.set_default_timeout(10_000)
    page.goto("/consultation/")
    note = page.locator("[data-treatment-note]")
    assert listed(page) == [  # no clinic picked yet: every treatment
        (group, sorted({*at_marylebone, *at_richmond}))
        for (group, at_marylebone), (_, at_richmond) in zip(AT_MARYLEBONE, AT_RICHMOND, strict=True)
    ]

    # The first clinic's radio button takes focus, Space picks it.
    tab_to(page, "clinic")
    page.keyboard.press(" ")
    expect(page.get_by_role("radio", name="Marylebone")).to_be_checked()
    assert listed(page) == AT_MARYLEBONE
    expect(note).to_have_text("The list now shows the treatments Marylebone offers.")

    # The arrow key moves to the other clinic, and the list with it.
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Richmond")).to_be_checked()
    assert listed(page) == AT_RICHMOND
    expect(note).to_have_text("The list now shows the treatments Richmond offers.")

    # A treatment only Richmond offers, typed into the list; back to Marylebone, it stays chosen.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.name") == "treatment"
    page.keyboard.type("Radio")
    expect(page.locator('select[name="treatment"]')).to_have_value(
        page.locator("option", has_text="Radiofrequency body tightening").get_attribute("value")
    )
    tab_to(page, "clinic")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("radio", name="Marylebone")).to_be_checked()
    expect(note).to_have_text(
        "Marylebone does not offer Radiofrequency body tightening. Choose another treatment, or another clinic."
    )
    assert listed(page) == [
        ("Skin tightening", ["Laser skin tightening", "Radiofrequency body tightening"]),
        *AT_MARYLEBONE[1:],
    ]

    # axe finds nothing wrong with the list and its note once they have changed.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)  # axe is injected inline
    tab = context.new_page()
    tab.goto("/consultation/")
    tab.get_by_role("radio", name="Richmond").check()
    expect(tab.locator("[data-treatment-note]")).not_to_be_empty()
    tab.add_script_tag(path=str(AXE))
    violations = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    context.close()
    assert [violation["id"] for violation in violations] == []
