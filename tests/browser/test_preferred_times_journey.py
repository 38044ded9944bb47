"""A patient picks three preferred times on a treatment page and sends the form."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from appointments.offer import slot_text
from appointments.slots import free_slots
from leads.models import Lead
from practice.hours import WEEK
from tests.appointments.factories import ConsultationAvailabilityFactory, ConsultationTimesFactory
from tests.browser.conftest import tick_time
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_patient_picks_three_times_on_a_treatment_page_and_sends_the_form(
    page, treatment_index, practice, settings
):
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    availability = ConsultationAvailabilityFactory()
    for weekday in WEEK:
        ConsultationTimesFactory(availability=availability, weekday=weekday, starts="09:00", ends="12:00")
    cache.clear()
    treatment = TreatmentPageFactory(parent=treatment_index, slug="chemical-peel", title="Chemical peel")
    starts = free_slots(availability, now=timezone.now())
    chosen = [starts[1], starts[4], starts[8]]

    page.goto(treatment.url)
    form = page.locator("#consultation form")
    for start in chosen:
        tick_time(form, slot_text(start, availability.zone))
    form.get_by_label("First name").fill("Maya")
    form.get_by_label("Last name").fill("Okafor")
    form.get_by_role("textbox", name="Email").fill("maya.okafor@example.com")
    form.get_by_role("radio", name="Email").check()
    form.get_by_label("I agree").check()
    form.get_by_role("button", name="Send my request").click()

    page.wait_for_url("**/consultation/thank-you/**")
    for start in chosen:
        assert page.get_by_role("listitem").filter(has_text=slot_text(start, availability.zone)).count() == 1
    lead = Lead.objects.get()
    assert [(slot.rank, slot.starts_at) for slot in lead.proposed_slots.all()] == list(enumerate(chosen, 1))
