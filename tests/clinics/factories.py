"""Factories for clinic pages, their hours, closures and prices."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

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
