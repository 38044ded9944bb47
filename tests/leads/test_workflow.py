import pytest
from django.utils import timezone
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from leads.models import Lead, LeadEvent
from leads.workflow import (
    TRANSITIONS,
    TransitionError,
    lead_add_note,
    lead_assign,
    lead_change_status,
    lead_mark_not_spam,
    lead_set_follow_up,
)
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
Status = Lead.Status

ALLOWED = [(start, to) for start, targets in TRANSITIONS.items() for to in targets]
REFUSED = [(start, to) for start in Status for to in Status if to not in TRANSITIONS[start]]


@pytest.mark.parametrize(("start", "to"), ALLOWED)
def test_each_allowed_status_change_is_saved_with_its_timeline_entry(start, to, front_desk):
    lead = LeadFactory(status=start)

    lead_change_status(lead=lead, to=to, by=front_desk, reason="Chose another clinic")

    lead.refresh_from_db()
    assert lead.status == to
    event = lead.events.get()
    assert (event.kind, event.actor, event.from_status, event.to_status) == (
        LeadEvent.Kind.STATUS,
        front_desk,
        start,
        to,
    )


@pytest.mark.parametrize(("start", "to"), REFUSED)
def test_status_changes_outside_the_pipeline_are_refused(start, to, front_desk):
    lead = LeadFactory(status=start)

    with pytest.raises(TransitionError):
        lead_change_status(lead=lead, to=to, by=front_desk, reason="x")

    lead.refresh_from_db()
    assert lead.status == start
    assert not lead.events.exists()


def test_losing_a_lead_needs_a_reason(front_desk):
    lead = LeadFactory()

    with pytest.raises(TransitionError, match="why"):
        lead_change_status(lead=lead, to=Status.LOST, by=front_desk, reason="  ")

    lead_change_status(lead=lead, to=Status.LOST, by=front_desk, reason="Price")
    lead.refresh_from_db()
    assert lead.lost_reason == "Price"
    assert lead.events.get().note == "Price"


def test_first_response_time_is_recorded_on_first_contact_only(front_desk):
    lead = LeadFactory()
    assert lead.first_contacted_at is None

    lead_change_status(lead=lead, to=Status.CONTACTED, by=front_desk)
    first = lead.first_contacted_at
    assert first is not None
    assert lead.created_at <= first <= timezone.now()

    lead_change_status(lead=lead, to=Status.BOOKED, by=front_desk)
    lead_change_status(lead=lead, to=Status.CONTACTED, by=front_desk)
    lead.refresh_from_db()
    assert lead.first_contacted_at == first


def test_booking_straight_from_new_counts_as_first_contact(front_desk):
    lead = LeadFactory()

    lead_change_status(lead=lead, to=Status.BOOKED, by=front_desk)

    assert lead.first_contacted_at is not None


def test_marking_spam_does_not_count_as_a_response(front_desk):
    lead = LeadFactory()

    lead_change_status(lead=lead, to=Status.SPAM, by=front_desk)

    assert lead.first_contacted_at is None


def test_assigning_records_who_gave_it_to_whom(front_desk, manager):
    lead = LeadFactory()

    lead_assign(lead=lead, to=front_desk, by=manager)
    lead_assign(lead=lead, to=front_desk, by=manager)  # no change, no entry

    lead.refresh_from_db()
    assert lead.assignee == front_desk
    event = lead.events.get()
    assert (event.kind, event.actor, event.assignee) == (LeadEvent.Kind.ASSIGNED, manager, front_desk)


def test_follow_up_date_is_set_and_recorded(front_desk):
    lead = LeadFactory()
    day = timezone.localdate() + timezone.timedelta(days=3)

    lead_set_follow_up(lead=lead, on=day, by=front_desk)

    lead.refresh_from_db()
    assert lead.follow_up_on == day
    assert lead.events.get().follow_up_on == day


def test_notes_go_on_the_timeline_and_empty_ones_are_refused(front_desk):
    lead = LeadFactory()

    lead_add_note(lead=lead, text="Called, no answer; left a voicemail.", by=front_desk)
    with pytest.raises(TransitionError):
        lead_add_note(lead=lead, text="   ", by=front_desk)

    assert list(lead.events.values_list("kind", "note")) == [
        (LeadEvent.Kind.NOTE, "Called, no answer; left a voicemail.")
    ]


def filed_as_spam(**fields):
    return LeadFactory(
        status=Status.SPAM,
        spam_reason="sent too fast after the form was shown",
        notification_state=Lead.NotificationState.NOT_NEEDED,
        **fields,
    )


def test_not_spam_moves_the_lead_to_new_and_notifies_the_practice_like_a_new_lead(front_desk):
    earlier = LeadFactory(email="ann@example.com")
    lead = filed_as_spam(email="ann@example.com")

    lead_mark_not_spam(lead=lead, by=front_desk)

    lead.refresh_from_db()
    assert lead.status == Status.NEW
    assert lead.notification_state == Lead.NotificationState.PENDING
    assert lead.notification_next_attempt_at is not None
    assert lead.repeat_of == earlier
    assert DBTaskResult.objects.get().args_kwargs == {"args": [lead.pk], "kwargs": {}}
    event = lead.events.get()
    assert (event.actor, event.from_status, event.to_status) == (front_desk, Status.SPAM, Status.NEW)


def test_not_spam_is_only_for_spam(front_desk):
    lead = LeadFactory(status=Status.NEEDS_REVIEW)

    with pytest.raises(TransitionError):
        lead_mark_not_spam(lead=lead, by=front_desk)

    assert not DBTaskResult.objects.exists()


def test_a_lead_emailed_before_it_was_marked_spam_is_not_emailed_again(front_desk):
    lead = LeadFactory(notification_state=Lead.NotificationState.SENT)
    lead_change_status(lead=lead, to=Status.SPAM, by=front_desk)

    lead_change_status(lead=lead, to=Status.NEW, by=front_desk)

    lead.refresh_from_db()
    assert lead.notification_state == Lead.NotificationState.SENT
    assert not DBTaskResult.objects.exists()


def test_not_spam_and_its_notification_commit_together_or_not_at_all(front_desk):
    lead = filed_as_spam()

    def fail(**kwargs):
        raise RuntimeError("crash between the task insert and the commit")

    task_enqueued.connect(fail)
    try:
        with pytest.raises(RuntimeError):
            lead_mark_not_spam(lead=lead, by=front_desk)
    finally:
        task_enqueued.disconnect(fail)

    lead.refresh_from_db()
    assert lead.status == Status.SPAM
    assert lead.notification_state == Lead.NotificationState.NOT_NEEDED
    assert not lead.events.exists()
    assert not DBTaskResult.objects.exists()
