"""The demo practice's two clinics: different hours, a closure next month, prices and price lists,
and the consultation times each offers."""

import datetime

import pytest
from django.utils import timezone

from appointments.models import ConsultationAvailability
from appointments.slots import free_slots, starts_between
from clinics.models import ClinicPage
from demo.clinics import next_month_day

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_demo_has_two_clinics_with_different_hours_and_a_closure_next_month(client):
    marylebone, richmond = ClinicPage.objects.live().order_by("title")
    closure = next_month_day(timezone.localdate(), 15)

    html = client.get(marylebone.url).content.decode()

    assert (marylebone.title, richmond.title) == ("Marylebone", "Richmond")
    assert marylebone.weekly_hours != richmond.weekly_hours
    assert f"Staff training: {closure:%A} {closure.day} {closure:%B}, closed" in html
    assert "Show Marylebone on OpenStreetMap" in html


def test_demo_treatment_page_and_price_lists_show_both_clinics_prices(client):
    treatment = client.get("/treatments/laser-skin-tightening/").content.decode()
    practice_prices = client.get("/clinics/prices/").content.decode()
    richmond_prices = client.get("/clinics/richmond/prices/").content.decode()

    assert "From £300 per session" in treatment and "From £280 per session" in treatment
    assert "Marylebone" in practice_prices and "Radiofrequency body tightening" in practice_prices
    assert "From £280 per session" in richmond_prices and "£300" not in richmond_prices


def test_demo_prices_nothing_it_may_not_advertise(client):
    """Anti-wrinkle injections are a prescription-only medicine: no clinic gives them a price."""
    assert "Where to have" not in client.get("/treatments/anti-wrinkle-injections/").content.decode()


def test_demo_clinics_offer_consultations_within_their_hours_and_not_on_the_closure():
    marylebone, richmond = ClinicPage.objects.live().order_by("title")
    now = timezone.now()

    for clinic, places in ((marylebone, 2), (richmond, 1)):
        availability = ConsultationAvailability.for_clinic(clinic)
        for times in availability.times.all():
            times.full_clean()  # within the clinic's opening hours that day
        closure = next_month_day(timezone.localdate(), 15 if clinic == marylebone else 3)
        free = free_slots(availability, now=now)
        assert availability.places == places
        assert free and all(start > now for start in free)
        assert starts_on(availability, closure) == []
        # The same weekday a week later is an ordinary day: offered where the clinic offers that day.
        offers_that_day = any(times.weekday == f"{closure:%A}" for times in availability.times.all())
        assert bool(starts_on(availability, closure + datetime.timedelta(days=7))) == offers_that_day


def starts_on(availability, day):
    zone = availability.zone
    midnight = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    return starts_between(availability, midnight, midnight + datetime.timedelta(hours=23, minutes=59))
