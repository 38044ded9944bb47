"""The demo practice's two clinics: different hours, a closure next month, prices and price lists."""

import pytest
from django.utils import timezone

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
