"""The health check tells the monitor when the practice has not been told about a lead."""

from datetime import timedelta

import pytest
from django.utils import timezone

from leads.models import Lead

from .factories import LeadFactory

pytestmark = pytest.mark.django_db


def lead_waiting_since(minutes, state):
    lead = LeadFactory(notification_state=state)
    Lead.objects.filter(pk=lead.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    return lead


def test_notifications_failing_for_over_an_hour_raise_an_alarm(client):
    lead_waiting_since(61, Lead.NotificationState.FAILED)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["alarms"] == ["notifications_failing"]
    assert response.json()["lead_notifications"]["undelivered_over_an_hour"] == 1


def test_a_notification_pending_for_over_an_hour_also_raises_the_alarm(client):
    lead_waiting_since(90, Lead.NotificationState.PENDING)

    assert client.get("/healthz").json()["alarms"] == ["notifications_failing"]


@pytest.mark.parametrize(
    ("minutes", "state"),
    [
        pytest.param(30, Lead.NotificationState.FAILED, id="failing-for-half-an-hour"),
        pytest.param(600, Lead.NotificationState.SENT, id="sent-long-ago"),
        pytest.param(600, Lead.NotificationState.NOT_NEEDED, id="spam-long-ago"),
    ],
)
def test_no_alarm_for_recent_failures_or_settled_notifications(client, minutes, state):
    lead_waiting_since(minutes, state)

    body = client.get("/healthz").json()

    assert body["alarms"] == []
    assert body["lead_notifications"]["undelivered"] == (1 if state == Lead.NotificationState.FAILED else 0)
