"""A patient books at the demo's second clinic from its page; the request reaches that clinic, and
only that clinic's front desk sees it."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from clinics.models import ClinicPage
from leads.models import Lead
from staff.models import ClinicMembership
from tests.browser.conftest import THANK_YOU_AT_A_CLINIC, sign_in
from tests.browser.forms import send_consultation_request
from tests.leads.factories import StaffFactory
from tests.leads.test_notifications import run_worker
from tests.second_factor import authenticator

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in_to_the_inbox(page, clinic):
    """A member of `clinic`'s front desk signs in and opens the leads inbox."""
    desk = StaffFactory(username=f"desk-{clinic.slug}", groups=["Front desk"])
    ClinicMembership.objects.create(user=desk, clinic=clinic)
    phone = authenticator(desk)
    page.context.clear_cookies()
    sign_in(page, desk, phone)
    page.goto("/admin/leads/")


def test_a_patient_books_at_the_second_clinic_from_its_page_and_only_its_front_desk_sees_it(
    committed_demo, page, settings
):
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    settings.LEADS_PRACTICE_INBOX = ["practice@riverside-aesthetics.example"]
    richmond = ClinicPage.objects.live().get(slug="richmond")
    page.set_default_timeout(10_000)

    page.goto(richmond.url)
    page.get_by_role("link", name="Book a consultation at Richmond").click()
    page.wait_for_url("**/consultation/?clinic=richmond")
    expect(page.get_by_role("radio", name="Richmond")).to_be_checked()
    expect(page.get_by_role("radio", name="Marylebone")).not_to_be_checked()

    send_consultation_request(page, "Nia", "Adeyemi", phone="020 8940 0555")

    page.wait_for_url(THANK_YOU_AT_A_CLINIC)
    expect(page.get_by_role("heading", name="Your clinic: Richmond")).to_be_visible()
    lead = Lead.objects.get()
    assert (lead.last_name, lead.clinic) == ("Adeyemi", richmond)

    # The worker production runs, once through the queue, on the database the live server serves.
    run_worker()

    [email] = mail.outbox
    assert email.to == ["richmond@riverside-aesthetics.example"]
    assert "Clinic: Richmond" in email.body

    sign_in_to_the_inbox(page, richmond)
    expect(page.get_by_role("link", name="Nia Adeyemi")).to_be_visible()

    sign_in_to_the_inbox(page, ClinicPage.objects.get(slug="marylebone"))
    expect(page.get_by_role("heading", name="Leads", exact=True)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Adeyemi")
    assert page.goto(f"/admin/leads/{lead.pk}/").status == 404
