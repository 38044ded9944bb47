"""Opening hours, closures and special hours: what is refused, and what patients are shown."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinics.models import ClinicOpeningHours, ClinicPage, ClinicSpecialHours
from practice.hours import overlapping_days
from practice.models import PracticeSettings
from tests.clinics.factories import ClinicOpeningHoursFactory, ClinicSpecialHoursFactory, clinic_form_data

pytestmark = pytest.mark.django_db


def test_opening_hours_that_close_before_they_open_are_refused():
    hours = ClinicOpeningHours(weekday="Monday", opens=datetime.time(17), closes=datetime.time(9))

    with pytest.raises(ValidationError) as refused:
        hours.clean()

    assert "closes" in refused.value.message_dict


def test_overlapping_spans_are_found_on_their_day_only():
    spans = [
        ("Tuesday", datetime.time(9), datetime.time(13)),
        ("Tuesday", datetime.time(12), datetime.time(18)),
        ("Monday", datetime.time(9), datetime.time(13)),
        ("Monday", datetime.time(13), datetime.time(18)),
    ]

    assert overlapping_days(spans) == ["Tuesday"]


def test_the_editor_refuses_overlapping_hours_on_one_day(admin_client, clinic):
    overlapping = [("Monday", "09:00", "13:00"), ("Monday", "12:00", "18:00"), ("Tuesday", "09:00", "17:00")]
    apart = [("Monday", "09:00", "13:00"), ("Monday", "14:00", "18:00")]
    edit_url = f"/admin/pages/{clinic.pk}/edit/"

    refused = admin_client.post(edit_url, clinic_form_data(clinic, hours=overlapping))
    accepted = admin_client.post(edit_url, clinic_form_data(clinic, hours=apart))

    assert "The opening hours overlap on Monday." in refused.context["form"].non_field_errors()
    assert accepted.status_code == 302
    assert [
        (row.weekday, row.opens.hour)
        for row in ClinicPage.objects.get(pk=clinic.pk).get_latest_revision_as_object().opening_hours.all()
    ] == [
        ("Monday", 9),
        ("Monday", 14),
    ]


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"starts": datetime.date(2026, 12, 27), "ends": datetime.date(2026, 12, 24)}, "ends"),
        ({"closed": False}, "opens"),
        ({"closed": True, "opens": datetime.time(10), "closes": datetime.time(14)}, "opens"),
        ({"closed": False, "opens": datetime.time(14), "closes": datetime.time(10)}, "closes"),
    ],
    ids=["ends before it starts", "open with no times", "closed with times", "inverted times"],
)
def test_special_hours_that_cannot_be_right_are_refused(fields, field_in_error):
    special = ClinicSpecialHours(**{"reason": "Christmas", "starts": datetime.date(2026, 12, 24), **fields})

    with pytest.raises(ValidationError) as refused:
        special.clean()

    assert field_in_error in refused.value.message_dict


def test_practice_hours_that_close_before_they_open_or_overlap_are_refused(practice):
    block = PracticeSettings._meta.get_field("opening_hours").stream_block
    inverted = block.to_python(
        [{"type": "hours", "value": {"days": ["Monday"], "opens": "17:00", "closes": "09:00"}}]
    )
    overlapping = block.to_python(
        [
            {"type": "hours", "value": {"days": ["Monday", "Tuesday"], "opens": "09:00", "closes": "17:00"}},
            {"type": "hours", "value": {"days": ["Tuesday"], "opens": "16:00", "closes": "20:00"}},
        ]
    )

    with pytest.raises(ValidationError):
        block.clean(inverted)
    with pytest.raises(ValidationError) as refused:
        block.clean(overlapping)
    assert list(refused.value.non_block_errors) == ["The hours overlap on Tuesday."]


def test_the_clinic_page_shows_every_weekday_and_only_closures_not_yet_over(client, clinic, midnight_passes):
    ClinicOpeningHoursFactory(
        clinic=clinic, weekday="Tuesday", opens=datetime.time(10), closes=datetime.time(18)
    )
    ClinicOpeningHoursFactory(
        clinic=clinic, weekday="Tuesday", opens=datetime.time(8), closes=datetime.time(9)
    )
    today = timezone.localdate()
    ClinicSpecialHoursFactory(clinic=clinic, reason="Staff training", starts=today, ends=today)
    ClinicSpecialHoursFactory(clinic=clinic, reason="Refit", starts=today - datetime.timedelta(days=3))

    html = client.get(clinic.url).content.decode()

    assert '<dt class="col-sm-5">Tuesday</dt>' in html
    assert "08:00 to 09:00, 10:00 to 18:00" in html
    assert html.count(">Closed<") == 6
    assert "Staff training" in html and "Refit" not in html

    midnight_passes()

    assert "Staff training" not in client.get(clinic.url).content.decode()


def test_hours_read_the_same_on_the_day_the_clocks_go_forward(client, clinic):
    """Hours are wall-clock times: British Summer Time starting on 28 March 2027 moves nothing."""
    ClinicSpecialHoursFactory(
        clinic=clinic,
        reason="Easter Sunday",
        starts=datetime.date(2027, 3, 28),
        closed=False,
        opens=datetime.time(10),
        closes=datetime.time(16),
    )

    html = client.get(clinic.url).content.decode()

    assert "Easter Sunday: Sunday 28 March, open 10:00 to 16:00" in html
