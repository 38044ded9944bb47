"""Page-view counts as the counting flush would store them: one day, one path, one kind of arrival."""

import datetime

import factory

from analytics.models import PageViewCount
from practice.visitors import Device


class PageViewCountFactory(factory.django.DjangoModelFactory):
    day = factory.Faker(
        "date_between", start_date=datetime.date(2026, 11, 2), end_date=datetime.date(2026, 11, 15)
    )
    path = factory.Faker("uri_path")
    channel = PageViewCount.INTERNAL
    device = Device.DESKTOP
    views = factory.Faker("random_int", min=1, max=50)

    class Meta:
        model = PageViewCount
