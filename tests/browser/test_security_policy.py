"""Under its Content-Security-Policy the site still works: the browser blocks nothing it needs."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import pass_second_factor

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.database_independent("what the browser's CSP blocks depends on headers and markup"),
]


def watch_for_violations(page):
    """Collect every CSP violation the browser reports on `page`."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_public_page_loads_without_any_csp_violation(page, practice):
    violations = watch_for_violations(page)

    page.goto("/")
    page.wait_for_load_state("networkidle")

    assert page.locator(".site-name").is_visible()
    assert violations == []


def test_editor_logs_in_and_edits_a_page_without_any_csp_violation(page, home):
    get_user_model().objects.create_superuser("editor", "editor@clinic.example", "a long editor password")
    violations = watch_for_violations(page)

    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a long editor password")
    page.click("button[type=submit]")
    pass_second_factor(page)  # enrolment, QR code included, within the policy too
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{home.id}/edit/")
    page.wait_for_load_state("networkidle")

    # The editor's JavaScript ran: the rich-text editor and the sidebar exist only through it.
    page.locator(".Draftail-Editor").first.wait_for(state="attached")
    assert page.get_by_role("link", name="Images").is_visible()
    assert violations == []
