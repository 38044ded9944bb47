"""Each clinic page describes itself as a MedicalClinic of the practice, special hours included."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.clinics.factories import ClinicOpeningHoursFactory, ClinicSpecialHoursFactory

pytestmark = pytest.mark.django_db


def json_ld(client, url, type_name):
    html = client.get(url).content.decode()
    objects = [
        json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    return [data for data in objects if data["@type"] == type_name]


def test_a_clinic_is_a_medical_clinic_with_its_address_position_and_hours(client, clinic, practice):
    clinic.latitude, clinic.longitude = Decimal("51.457480"), Decimal("-0.303610")
    clinic.save()
    ClinicOpeningHoursFactory(
        clinic=clinic, weekday="Thursday", opens=datetime.time(12), closes=datetime.time(20)
    )
    today = timezone.localdate()
    christmas = datetime.date(today.year + 1, 12, 25)
    ClinicSpecialHoursFactory(
        clinic=clinic, reason="Christmas", starts=christmas, ends=christmas + datetime.timedelta(days=1)
    )
    ClinicSpecialHoursFactory(
        clinic=clinic,
        reason="New Year's Eve",
        starts=datetime.date(today.year + 1, 12, 31),
        closed=False,
        opens=datetime.time(10),
        closes=datetime.time(14),
    )

    practice_data, clinic_data = json_ld(client, clinic.url, "MedicalClinic")

    assert practice_data["name"] == practice.name
    assert clinic_data["name"] == "Marylebone"
    assert clinic_data["url"].endswith("/clinics/marylebone/")
    assert clinic_data["address"]["streetAddress"] == clinic.street_address
    assert clinic_data["address"]["addressCountry"] == "GB"
    assert clinic_data["telephone"] == "020 7946 0455"
    assert clinic_data["geo"] == {"@type": "GeoCoordinates", "latitude": 51.45748, "longitude": -0.30361}
    assert clinic_data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Thursday"],
            "opens": "12:00",
            "closes": "20:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": christmas.isoformat(),
            "validThrough": (christmas + datetime.timedelta(days=1)).isoformat(),
        },
        {
            "@type": "OpeningHoursSpecification",
            "opens": "10:00",
            "closes": "14:00",
            "validFrom": f"{today.year + 1}-12-31",
            "validThrough": f"{today.year + 1}-12-31",
        },
    ]
    assert clinic_data["parentOrganization"]["name"] == practice.name
    assert clinic_data["parentOrganization"]["url"] == practice_data["url"]


def test_a_clinic_with_no_position_or_hours_leaves_them_out(client, clinic, practice):
    (_practice_data, clinic_data) = json_ld(client, clinic.url, "MedicalClinic")

    assert "geo" not in clinic_data and "openingHoursSpecification" not in clinic_data
