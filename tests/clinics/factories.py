"""Factories for clinic pages, their hours, closures and prices."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from clinics.models import (
    ClinicIndexPage,
    ClinicOpeningHours,
    ClinicPage,
    ClinicPrice,
    ClinicSpecialHours,
    PriceListPage,
)


class ClinicIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our clinics"
    slug = "clinics"
    intro = factory.Faker("sentence")

    class Meta:
        model = ClinicIndexPage


class ClinicPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("city")
    intro = factory.Faker("sentence", nb_words=10)
    phone = "020 7946 0455"
    email = factory.Faker("email")
    street_address = factory.Faker("street_address")
    locality = "London"
    postal_code = factory.Faker("postcode")

    class Meta:
        model = ClinicPage


class PriceListPageFactory(wagtail_factories.PageFactory):
    title = "Prices"
    slug = "prices"

    class Meta:
        model = PriceListPage


class ClinicOpeningHoursFactory(factory.django.DjangoModelFactory):
    weekday = "Monday"
    opens = datetime.time(9)
    closes = datetime.time(17)

    class Meta:
        model = ClinicOpeningHours


class ClinicSpecialHoursFactory(factory.django.DjangoModelFactory):
    reason = "Christmas"
    starts = datetime.date(2026, 12, 25)
    closed = True

    class Meta:
        model = ClinicSpecialHours


class ClinicPriceFactory(factory.django.DjangoModelFactory):
    price = Decimal("300")

    class Meta:
        model = ClinicPrice


def clinic_form_data(clinic, hours=(), prices=()):
    """What the page editor posts for `clinic` with these (weekday, opens, closes) rows of hours
    and (treatment, price) rows of prices."""
    return nested_form_data(
        {
            "title": clinic.title,
            "slug": clinic.slug,
            "country": "GB",
            "opening_hours": inline_formset(
                [{"weekday": day, "opens": opens, "closes": closes} for day, opens, closes in hours]
            ),
            "special_hours": inline_formset([]),
            "photos": inline_formset([]),
            "prices": inline_formset(
                [{"treatment": treatment.pk, "price": price} for treatment, price in prices]
            ),
        }
    )
