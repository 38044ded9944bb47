import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdesk.reports import build_report, format_duration
from leads.models import Lead
from leads.workflow import lead_change_status
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def test_report_counts_the_pipeline_from_the_timeline(front_desk):
    leads = LeadFactory.create_batch(4)
    LeadFactory(status=Lead.Status.SPAM)
    lead_change_status(lead=leads[0], to="contacted", by=front_desk)
    lead_change_status(lead=leads[0], to="booked", by=front_desk)
    lead_change_status(lead=leads[0], to="lost", by=front_desk, reason="Cancelled")
    lead_change_status(lead=leads[1], to="booked", by=front_desk)
    lead_change_status(lead=leads[1], to="patient", by=front_desk)

    report = build_report(weeks=4)

    assert report.total == 4
    assert report.funnel == [
        ("Received", 4, 100.0),
        ("Contacted", 2, 50.0),
        ("Consultation booked", 2, 50.0),
        ("Became a patient", 1, 25.0),
    ]


def test_requests_that_need_review_are_received_leads_in_the_report():
    LeadFactory.create_batch(2)
    LeadFactory(status=Lead.Status.NEEDS_REVIEW)
    LeadFactory(status=Lead.Status.SPAM)

    assert build_report(weeks=4).total == 3


def test_median_first_response_time(front_desk):
    now = timezone.now()
    for minutes in (10, 30, 90):
        lead = LeadFactory()
        Lead.objects.filter(pk=lead.pk).update(
            created_at=now - datetime.timedelta(hours=3),
            first_contacted_at=now - datetime.timedelta(hours=3) + datetime.timedelta(minutes=minutes),
        )

    assert build_report(weeks=4).median_first_response == datetime.timedelta(minutes=30)


def test_weekly_counts_by_source_and_treatment():
    LeadFactory.create_batch(2, utm_source="Instagram", treatment_title="Chemical peel")
    LeadFactory(utm_source="", click_id_param="fbclid", click_id="x", treatment_title="")
    old = LeadFactory(utm_source="google")
    Lead.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(weeks=10))

    report = build_report(weeks=4)

    assert report.by_source.totals() == [2, 1] and report.by_source.names == ["instagram", "facebook"]
    assert dict(zip(report.by_treatment.names, report.by_treatment.totals(), strict=True)) == {
        "Chemical peel": 2,
        "Not sure yet": 1,
    }


def test_weekly_counts_by_channel_use_its_labels(client, front_desk):
    LeadFactory.create_batch(2, utm_source="", click_id_param="gclid", click_id="x")
    LeadFactory(utm_source="", referrer="https://www.bing.com/")
    client.force_login(front_desk)

    report = build_report(weeks=4)
    html = client.get(reverse("lead_admin:report"), {"weeks": 4}).content.decode()

    assert report.by_channel.names == ["Paid ads", "Search engine"]
    assert report.by_channel.totals() == [2, 1]
    assert "Leads per week by channel" in html
    assert "Paid ads: 2" in html


def test_report_page_draws_the_chart_with_the_numbers_beside_it(client, front_desk):
    LeadFactory.create_batch(3, utm_source="instagram")
    client.force_login(front_desk)

    html = client.get(reverse("lead_admin:report"), {"weeks": 4}).content.decode()

    assert html.count("<svg") >= 2
    assert "<rect" in html
    assert "instagram: 3" in html
    assert "Median first response" in html


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (datetime.timedelta(seconds=50), "1 min"),
        (datetime.timedelta(hours=2, minutes=5, seconds=10), "2 h 5 min"),
        (datetime.timedelta(days=1, hours=3, minutes=59), "1 day 3 h"),
        (datetime.timedelta(days=16, hours=12), "16 days 12 h"),
    ],
)
def test_first_response_time_reads_like_people_say_it(duration, text):
    assert format_duration(duration) == text
