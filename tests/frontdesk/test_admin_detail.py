import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.booking import appointment_book
from leads.models import Lead, LeadEvent
from leads.privacy import lead_anonymise
from leads.workflow import lead_change_status
from tests.appointments.factories import ConsultationAvailabilityFactory, ConsultationTimesFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    return client


def detail(lead):
    return reverse("lead_admin:detail", args=[lead.pk])


def test_detail_shows_the_request_and_its_timeline(desk, front_desk):
    lead = LeadFactory(message="<script>alert(1)</script> please call after 5")
    desk.post(detail(lead), {"action": "note", "note-text": "Left a voicemail"})

    html = desk.get(detail(lead)).content.decode()

    assert lead.full_name in html
    assert lead.email in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Left a voicemail" in html
    assert front_desk.get_full_name() in html


def test_status_form_moves_the_lead_and_records_it(desk, front_desk):
    lead = LeadFactory()

    response = desk.post(detail(lead), {"action": "status", "status-to": "contacted"})

    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == Lead.Status.CONTACTED
    assert lead.first_contacted_at is not None
    event = lead.events.get()
    assert (event.actor, event.to_status) == (front_desk, "contacted")
    assert "moved it from New to Contacted" in desk.get(detail(lead)).content.decode()


def test_status_form_offers_only_the_next_statuses_and_requires_a_lost_reason(desk):
    lead = LeadFactory(status=Lead.Status.BOOKED)

    page = desk.get(detail(lead))
    lost = desk.post(detail(lead), {"action": "status", "status-to": "lost", "status-reason": ""})
    refused = desk.post(detail(lead), {"action": "status", "status-to": "spam"})

    offered = [value for value, _ in page.context["forms"]["status"].fields["to"].choices]
    assert offered == ["patient", "contacted", "lost"]
    assert lost.status_code == 400
    assert refused.status_code == 400
    lead.refresh_from_db()
    assert lead.status == Lead.Status.BOOKED


def test_a_spam_lead_can_be_marked_not_spam_in_one_click(desk, front_desk):
    lead = LeadFactory(
        status=Lead.Status.SPAM,
        spam_reason="honeypot filled in",
        notification_state=Lead.NotificationState.NOT_NEEDED,
    )

    page = desk.get(detail(lead)).content.decode()
    response = desk.post(detail(lead), {"action": "not_spam"}, follow=True)

    assert 'data-lead-action="not_spam"' in page
    assert "honeypot filled in" in page
    assert "the practice is being notified" in response.content.decode()
    lead.refresh_from_db()
    assert lead.status == Lead.Status.NEW
    assert lead.notification_state == Lead.NotificationState.PENDING
    assert DBTaskResult.objects.count() == 1
    assert lead.events.get().to_status == Lead.Status.NEW


def test_the_not_spam_button_is_only_on_spam_leads(desk):
    lead = LeadFactory(status=Lead.Status.NEEDS_REVIEW, spam_reason="missing or forged form token")

    page = desk.get(detail(lead)).content.decode()
    response = desk.post(detail(lead), {"action": "not_spam"}, follow=True)

    assert 'data-lead-action="not_spam"' not in page
    assert "Check this request before replying" in page
    assert "Only a lead marked as spam" in response.content.decode()
    lead.refresh_from_db()
    assert lead.status == Lead.Status.NEEDS_REVIEW


def test_the_status_form_moving_spam_to_new_notifies_the_practice(desk):
    lead = LeadFactory(status=Lead.Status.SPAM, notification_state=Lead.NotificationState.NOT_NEEDED)

    desk.post(detail(lead), {"action": "status", "status-to": "new", "status-reason": ""})

    lead.refresh_from_db()
    assert lead.status == Lead.Status.NEW
    assert lead.notification_state == Lead.NotificationState.PENDING
    assert DBTaskResult.objects.count() == 1


def test_assign_and_follow_up_forms(desk, front_desk):
    lead = LeadFactory()
    day = timezone.localdate() + datetime.timedelta(days=2)

    desk.post(detail(lead), {"action": "assign", "assign-assignee": front_desk.pk})
    desk.post(detail(lead), {"action": "follow_up", "follow_up-follow_up_on": day.isoformat()})

    lead.refresh_from_db()
    assert lead.assignee == front_desk
    assert lead.follow_up_on == day
    assert set(lead.events.values_list("kind", flat=True)) == {
        LeadEvent.Kind.ASSIGNED,
        LeadEvent.Kind.FOLLOW_UP,
    }


def test_overdue_follow_up_stands_out_on_the_lead(desk):
    lead = LeadFactory(follow_up_on=timezone.localdate() - datetime.timedelta(days=1))

    assert "Overdue" in desk.get(detail(lead)).content.decode()


def test_an_erased_lead_still_shows_its_timeline_with_the_system_as_actor(desk, front_desk):
    lead = LeadFactory()
    lead_change_status(lead=lead, to="contacted", by=front_desk)
    lead_anonymise(lead=lead)

    html = desk.get(detail(lead)).content.decode()

    assert "System" in html
    assert "personal data erased" in html
    assert "moved it from New to Contacted" in html


def test_the_timeline_says_who_booked_which_consultation(desk, front_desk):
    availability = ConsultationAvailabilityFactory()
    ConsultationTimesFactory(availability=availability, weekday="Monday", starts="09:00", ends="12:00")
    lead = LeadFactory()
    monday_nine = datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)
    appointment_book(
        lead=lead, starts_at=monday_nine, by=front_desk, now=monday_nine - datetime.timedelta(days=3)
    )

    html = desk.get(detail(lead)).content.decode()

    assert "booked a consultation for Monday 4 January 2027 at 09:00" in html
