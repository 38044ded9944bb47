"""The consultation form offers up to three preferred times from what is still free, and keeps the
request whatever happened to them since the page was shown."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from appointments.models import ConsultationAvailability, ProposedSlot
from appointments.offer import DAYS_A_PAGE, DAYS_IN_THE_EMBEDDED_FORM, slot_text, slot_value
from appointments.slots import free_slots
from leads.delivery import lead_notify
from leads.models import Lead
from practice.hours import WEEK
from practice.memo import memo_key
from tests.appointments.factories import (
    AppointmentFactory,
    ConsultationAvailabilityFactory,
    ConsultationTimesFactory,
)
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory
from tests.page_cache_client import PageCacheClient

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = pytest.mark.django_db

LONDON = ConsultationAvailability(time_zone="Europe/London").zone
TIME_INPUT = re.compile(r'<input[^>]*name="preferred_times" value="([^"]+)"[^>]*>')


@pytest.fixture
def availability(db):
    """The practice's own times: every day 09:00-12:00, one consultation at once."""
    availability = ConsultationAvailabilityFactory(places=1)
    for weekday in WEEK:
        ConsultationTimesFactory(availability=availability, weekday=weekday, starts="09:00", ends="12:00")
    cache.clear()  # the offers of another test's availability
    return availability


def free(availability):
    return free_slots(availability, now=timezone.now())


def offered_values(html):
    return TIME_INPUT.findall(html)


def checked_values(html):
    return [tag.group(1) for tag in TIME_INPUT.finditer(html) if " checked" in tag.group(0)]


def form_page(client):
    return client.get(reverse("leads:consultation")).content.decode()


def test_the_form_lists_the_first_pages_free_times_in_a_folded_day_each(client, practice, availability):
    starts = free(availability)
    first = starts[0].astimezone(LONDON)

    html = form_page(client)

    days = [start for start in starts if (start.astimezone(LONDON).date() - first.date()).days < DAYS_A_PAGE]
    assert offered_values(html) == [slot_value(start) for start in days]
    day = f"{first:%A} {first.day} {first:%B}"
    # Folded while nothing in it is ticked: a keyboard user passes a day in one Tab, not one per time.
    assert re.search(rf'<details class="mb-1">\s*<summary>{day} <span class="form-text">\(\d+ times\)', html)
    # Each time is labelled by the clinic's clock, in a group named by its day: a screen reader
    # names the group on entering it, so the day is not repeated in every label.
    assert re.search(
        rf'<fieldset [^>]*><legend class="visually-hidden">{day}</legend><label><input [^>]*'
        rf'value="{slot_value(starts[0])}"> {first:%H:%M}</label>',
        html,
    )
    assert "None of these suit me" in html
    assert 'name="best_time"' in html


def test_a_full_time_is_not_offered_and_one_with_a_place_left_is(client, practice, availability):
    availability.places = 2
    availability.save()
    full, half = free(availability)[:2]
    for place in (1, 2):
        AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=full, place=place)
    AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=half)
    cache.clear()

    values = offered_values(form_page(client))

    assert slot_value(full) not in values
    assert slot_value(half) in values


def test_without_times_offered_the_form_is_as_before(client, practice, availability):
    availability.offered = False
    availability.save()
    cache.clear()

    html = form_page(client)

    assert offered_values(html) == []
    assert "None of these suit me" not in html
    assert 'name="best_time"' in html


def test_three_chosen_times_are_stored_ranked_and_named_on_the_thank_you_page(
    send, client, practice, availability
):
    chosen = free(availability)[3:6]

    response = send(valid_answers(preferred_times=[slot_value(start) for start in chosen]))

    lead = Lead.objects.get()
    assert [(slot.rank, slot.starts_at) for slot in lead.proposed_slots.all()] == list(enumerate(chosen, 1))
    thanks = client.get(response["Location"]).content.decode()
    assert "The times you proposed" in thanks
    for start in chosen:
        assert f"<li>{slot_text(start, LONDON)}</li>" in thanks


def test_no_time_is_needed(send, practice, availability):
    send(valid_answers(no_time_suits="on"))

    assert Lead.objects.get().proposed_slots.count() == 0


def test_more_than_three_times_are_refused_and_every_answer_is_kept(send, practice, availability):
    chosen = [slot_value(start) for start in free(availability)[:4]]

    html = send(valid_answers(first_name="Ada", preferred_times=chosen)).content.decode()

    assert "Choose up to 3 times: you chose 4." in html
    assert 'href="#preferred-times"' in html
    assert 'value="Ada"' in html
    assert checked_values(html) == chosen
    # The days holding a ticked time come back unfolded, so the patient sees what they chose.
    first = free(availability)[0].astimezone(LONDON)
    assert re.search(rf'<details class="mb-1" open>\s*<summary>{first:%A} {first.day} {first:%B} ', html)
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("tomorrow at ten", "One of the times sent is not a time we offer: choose from the list."),
        ("2026-02-30T09:00Z", "One of the times sent is not a time we offer: choose from the list."),
        ("2020-01-06T09:00Z", "Monday 6 January, 09:00 has passed: choose a later time."),
    ],
)
def test_a_forged_or_past_time_is_refused_by_name(send, practice, availability, value, message):
    html = send(valid_answers(preferred_times=[value])).content.decode()

    assert message in html
    assert not Lead.objects.exists()


def test_a_time_off_the_grid_or_beyond_the_weeks_offered_is_refused_by_name(send, practice, availability):
    first = free(availability)[0]
    off_grid = first + datetime.timedelta(minutes=15)
    too_late = first + datetime.timedelta(weeks=8)

    html = send(valid_answers(preferred_times=[slot_value(off_grid), slot_value(too_late)])).content.decode()

    for start in (off_grid, too_late):
        assert f"{slot_text(start, LONDON)} is not one of the consultation times offered" in html
    assert not Lead.objects.exists()


def test_times_and_none_of_these_together_are_refused(send, practice, availability):
    html = send(
        valid_answers(preferred_times=[slot_value(free(availability)[0])], no_time_suits="on")
    ).content.decode()

    assert "Choose times or “None of these suit me”, not both." in html
    assert not Lead.objects.exists()


def test_a_time_taken_since_the_page_was_shown_keeps_the_request_and_the_other_times(
    send, client, practice, availability, settings
):
    settings.LEADS_PATIENT_CONFIRMATION = True
    gone, kept = free(availability)[:2]
    form_page(client)
    AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=gone)

    response = send(valid_answers(preferred_times=[slot_value(gone), slot_value(kept)]))

    lead = Lead.objects.get(proposed_slots__isnull=False)
    assert [(slot.rank, slot.starts_at) for slot in lead.proposed_slots.all()] == [(1, kept)]
    thanks = client.get(response["Location"]).content.decode()
    assert f"{slot_text(gone, LONDON)} was taken by someone else" in thanks
    assert "we will offer you another time" in thanks
    assert f"<li>{slot_text(kept, LONDON)}</li>" in thanks

    lead_notify(lead_id=lead.pk)
    practice_email, patient_email = mail.outbox
    assert f"1. {slot_text(kept, LONDON)}" in practice_email.body
    assert f"- {slot_text(kept, LONDON)}" in patient_email.body
    assert slot_text(gone, LONDON) not in patient_email.body
    # No health details to the patient: neither the treatment nor the message.
    assert lead.message not in patient_email.body


def test_a_time_offered_by_a_page_from_the_cache_is_still_accepted_once_inside_the_notice(
    send, practice, availability
):
    first = free(availability)[0]
    availability.earliest_notice_hours += 1  # as if the clock had moved on since the page was cached
    availability.save()

    send(valid_answers(preferred_times=[slot_value(first)]))

    assert Lead.objects.get().proposed_slots.get().starts_at == first


def test_the_thank_you_page_names_no_times_from_a_forged_note(client, practice):
    html = client.get(
        reverse("leads:thank_you") + "?times=eyJ6IjoiRXVyb3BlL0xvbmRvbiJ9:forged"
    ).content.decode()

    assert "The times you proposed" not in html


def test_a_patient_correcting_a_field_and_resending_at_once_keeps_their_times(send, practice, availability):
    chosen = [slot_value(start) for start in free(availability)[:3]]
    answers = valid_answers(email="not an email", preferred_contact="email", preferred_times=chosen)

    html = send(answers).content.decode()
    assert checked_values(html) == chosen
    resent = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    send({**answers, "email": "ada@example.com", "form_token": resent})

    lead = Lead.objects.get()
    assert lead.status == Lead.Status.NEW  # not taken for a bot that sends too fast
    assert [slot_value(slot.starts_at) for slot in lead.proposed_slots.all()] == chosen


def test_paging_without_javascript_keeps_every_answer_and_the_times_ticked(send, practice, availability):
    starts = free(availability)
    ticked = slot_value(starts[0])

    html = send(valid_answers(first_name="Ada", preferred_times=[ticked], times_week="1")).content.decode()

    first = starts[0].astimezone(LONDON).date()
    second_page = [
        s for s in starts if DAYS_A_PAGE <= (s.astimezone(LONDON).date() - first).days < 2 * DAYS_A_PAGE
    ]
    assert offered_values(html) == [ticked] + [slot_value(start) for start in second_page]
    assert checked_values(html) == [ticked]
    assert "Times you chose" in html
    assert 'value="Ada"' in html
    assert "There is a problem" not in html
    assert 'name="times_week" value="0"' in html  # back to the first page
    assert not Lead.objects.exists()


def test_a_treatment_page_offers_two_days_and_its_later_times_add_the_third(
    client, send, treatment, practice, availability
):
    starts = free(availability)
    first = starts[0].astimezone(LONDON).date()

    def within(days):
        return [slot_value(s) for s in starts if (s.astimezone(LONDON).date() - first).days < days]

    html = client.get(treatment.url).content.decode()

    assert DAYS_IN_THE_EMBEDDED_FORM < DAYS_A_PAGE
    assert offered_values(html) == within(DAYS_IN_THE_EMBEDDED_FORM)
    later = re.search(r'name="times_week" value="([0-9]+)"[^>]*>Later times<', html).group(1)
    # The consultation page's first week: the days the patient saw, and the next one.
    assert offered_values(send(valid_answers(times_week=later)).content.decode()) == within(DAYS_A_PAGE)


def test_the_form_sent_from_a_cached_treatment_page_stores_its_times(send, treatment, practice, availability):
    visitor = PageCacheClient()
    visitor.get(treatment.url)
    response = visitor.get(treatment.url)
    html = response.content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    chosen = offered_values(html)[:3]

    assert response["X-Cache"] == "hit"
    assert (
        send(valid_answers(treatment=treatment.pk, form_token=token, preferred_times=chosen)).status_code
        == 302
    )
    assert [slot_value(slot.starts_at) for slot in Lead.objects.get().proposed_slots.all()] == chosen


def test_the_memoised_embedded_form_shows_a_booking_once_the_offers_expire(
    client, treatment, practice, availability
):
    with override_settings(PAGE_CACHE_SECONDS=0):
        before = client.get(treatment.url).content.decode()
        first = free(availability)[0]
        AppointmentFactory(lead=LeadFactory(), availability=availability, starts_at=first)
        cache.delete_many(["consultation-offers:", memo_key("consultation-times", "")])  # OFFER_SECONDS later
        after = client.get(treatment.url).content.decode()

    token = re.compile(r'name="form_token" value="([^"]+)"')
    assert token.search(after).group(1) == token.search(before).group(1)  # the same memoised form
    assert slot_value(first) in offered_values(before)
    assert slot_value(first) not in offered_values(after)


def test_proposing_takes_no_place(send, practice, availability):
    last = [slot_value(free(availability)[0])]

    for _ in range(3):
        send(valid_answers(preferred_times=last))

    assert ProposedSlot.objects.filter(starts_at=free(availability)[0]).count() == 3


def test_the_same_page_view_sent_again_with_other_times_is_a_new_request(send, practice, availability):
    first, other = free(availability)[:2]
    answers = valid_answers(preferred_times=[slot_value(first)])

    send(answers)
    send(answers)  # a double click: the same request
    send({**answers, "preferred_times": [slot_value(other)]})  # back, another time, sent again

    assert [lead.proposed_slots.get().starts_at for lead in Lead.objects.order_by("pk")] == [first, other]


@pytest.fixture
def two_clinics(home):
    """Marylebone offers mornings, Richmond afternoons, each with its own availability."""
    index = ClinicIndexPageFactory(parent=home)
    clinics = []
    for title, starts, ends in (("Marylebone", "09:00", "12:00"), ("Richmond", "14:00", "16:00")):
        clinic = ClinicPageFactory(parent=index, title=title, slug=title.lower())
        availability = ConsultationAvailabilityFactory(clinic=clinic)
        for weekday in WEEK:
            ConsultationTimesFactory(availability=availability, weekday=weekday, starts=starts, ends=ends)
        clinics.append(clinic)
    cache.clear()
    return clinics


def test_with_several_clinics_each_lists_its_own_times_under_its_name(client, practice, two_clinics):
    html = form_page(client)

    for clinic in two_clinics:
        times = free(clinic.consultation_availability)
        assert f'data-times-for="{clinic.pk}"' in html
        assert f"Times at {clinic.title}" in html
        assert slot_value(times[0]) in offered_values(html)


def test_a_time_of_another_clinic_is_refused_and_one_of_the_clinic_chosen_is_kept(
    send, practice, two_clinics
):
    marylebone, richmond = two_clinics
    morning = free(marylebone.consultation_availability)[0]
    afternoon = free(richmond.consultation_availability)[0]

    html = send(valid_answers(clinic=richmond.pk, preferred_times=[slot_value(morning)])).content.decode()
    assert f"{slot_text(morning, LONDON)} is not one of the consultation times offered" in html
    assert not Lead.objects.exists()

    send(valid_answers(clinic=richmond.pk, preferred_times=[slot_value(afternoon)]))
    lead = Lead.objects.get()
    assert (lead.clinic, lead.proposed_slots.get().starts_at) == (richmond, afternoon)


@pytest.mark.parametrize("week", ["²", "-1", "999", "x"])
def test_a_forged_week_shows_the_first(send, practice, availability, week):
    html = send(valid_answers(times_week=week)).content.decode()

    assert offered_values(html)[0] == slot_value(free(availability)[0])
    assert not Lead.objects.exists()


def test_the_page_shown_when_saving_fails_sends_the_times_again(send, practice, availability, monkeypatch):
    chosen = [slot_value(start) for start in free(availability)[:2]]

    def fail(**kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("leads.views.lead_create", fail)
    html = send(valid_answers(preferred_times=chosen)).content.decode()

    assert re.findall(r'<input type="hidden" name="preferred_times" value="([^"]+)">', html) == chosen
