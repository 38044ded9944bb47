"""From request to appointment (issue 19): a patient proposes three times on a treatment page, the
front desk confirms one, the patient's email carries that time as a calendar file, and the front
desk's day shows the consultation."""

from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from appointments.offer import slot_text
from appointments.slots import free_slots, local_text
from leads.models import Lead
from practice.hours import WEEK
from tests.appointments.factories import ConsultationAvailabilityFactory, ConsultationTimesFactory
from tests.browser.conftest import sign_in, tick_time
from tests.browser.forms import send_consultation_request
from tests.leads.factories import StaffFactory
from tests.leads.test_notifications import run_worker
from tests.second_factor import authenticator
from tests.treatments.factories import TreatmentPageFactory


def test_a_proposed_time_is_confirmed_mailed_as_a_calendar_entry_and_shown_on_the_desks_day(
    page, treatment_index, practice, settings
):
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    availability = ConsultationAvailabilityFactory()
    for weekday in WEEK:
        ConsultationTimesFactory(availability=availability, weekday=weekday, starts="09:00", ends="12:00")
    cache.clear()
    treatment = TreatmentPageFactory(parent=treatment_index, slug="chemical-peel", title="Chemical peel")
    chosen = free_slots(availability, now=timezone.now())[2:5]
    page.set_default_timeout(10_000)

    # The patient, on the treatment page.
    page.goto(treatment.url)
    form = page.locator("#consultation form")
    for start in chosen:
        tick_time(form, slot_text(start, availability.zone))
    send_consultation_request(form, "Maya", "Okafor", email="maya.okafor@example.com")
    page.wait_for_url("**/consultation/thank-you/**")
    for start in chosen:
        assert page.get_by_role("listitem").filter(has_text=slot_text(start, availability.zone)).count() == 1
    lead = Lead.objects.get()
    assert [(slot.rank, slot.starts_at) for slot in lead.proposed_slots.all()] == list(enumerate(chosen, 1))
    run_worker()  # the practice is told of the request
    mail.outbox.clear()

    # The front desk confirms the patient's second choice.
    desk = StaffFactory(username="desk", groups=["Front desk"])
    sign_in(page, desk, authenticator(desk))
    page.goto(f"/admin/leads/{lead.pk}/")
    second = page.locator('[data-proposed-slot="2"]')
    expect(second).to_contain_text(local_text(chosen[1], availability.zone))
    second.get_by_role("button", name="Confirm this time").click()
    expect(page.locator('[data-appointment-state="booked"]')).to_be_visible()
    appointment = lead.appointments.get()
    assert appointment.starts_at == chosen[1]
    lead.refresh_from_db()
    assert lead.status == Lead.Status.BOOKED

    # The worker sends the patient's confirmation, with the time as a calendar entry.
    run_worker()
    [email] = mail.outbox
    assert email.to == ["maya.okafor@example.com"]
    assert "Chemical peel" not in email.body  # no health details
    [ics] = [content for name, content, kind in email.attachments if name.endswith(".ics")]
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert event.decoded("DTSTART") == chosen[1]

    # The front desk's day shows it.
    local_day = chosen[1].astimezone(availability.zone).date()
    page.goto(f"/admin/consultations/?day={local_day:%Y-%m-%d}")
    row = page.locator(f'[data-appointment="{appointment.pk}"]')
    expect(row).to_contain_text("Maya Okafor")
    expect(row).to_contain_text(f"{chosen[1].astimezone(availability.zone):%H:%M}")
