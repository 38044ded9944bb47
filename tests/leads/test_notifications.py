"""Notifications: queued with the lead, sent once from the worker, retried until delivered."""

import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from leads.delivery import LeadNotificationFailed, lead_notify
from leads.models import Lead, LeadAccess
from leads.tasks import send_lead_notification

from .conftest import valid_answers
from .factories import LeadFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


def run_worker():
    """Work through the leads queue once, the way `db_worker` does in production, then return."""
    call_command(
        "db_worker",
        "--batch",
        "--backend=leads",
        "--queue-name=leads",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


def test_a_lead_queues_one_task_whose_only_argument_is_its_id(send):
    send(valid_answers())
    lead = Lead.objects.get()
    task = DBTaskResult.objects.get()
    assert task.task_path == "leads.tasks.send_lead_notification"
    assert task.backend_name == "leads"
    assert task.queue_name == "leads"
    assert task.args_kwargs == {"args": [lead.pk], "kwargs": {}}


def test_a_failure_after_the_insert_leaves_neither_lead_nor_task(send, monkeypatch):
    from django_tasks.signals import task_enqueued

    def fail(**kwargs):
        raise RuntimeError("crash between insert and commit")

    task_enqueued.connect(fail)
    try:
        with pytest.raises(RuntimeError):
            send(valid_answers())
    finally:
        task_enqueued.disconnect(fail)
    assert Lead.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_the_practice_email_links_to_the_lead_and_keeps_health_details_out(practice, settings, home):
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]
    treatment = TreatmentPageFactory(parent=home, title="Anti-wrinkle injections")
    lead = LeadFactory(treatment=treatment, treatment_title=treatment.title, message="my private history")

    assert lead_notify(lead_id=lead.pk) is True

    [email] = mail.outbox
    assert email.to == ["frontdesk@practice.example"]
    assert email.reply_to == [lead.email]
    assert email.subject == f"New consultation request #{lead.pk}"
    assert f"http://testserver/admin/leads/{lead.pk}/" in email.body
    assert lead.full_name in email.body
    for health_detail in ("Anti-wrinkle", "my private history"):
        assert health_detail not in email.subject
        assert health_detail not in email.body
    lead.refresh_from_db()
    assert lead.notification_state == Lead.NotificationState.SENT
    assert lead.notified_at is not None


def test_without_an_inbox_setting_the_practice_address_is_used(practice):
    lead = LeadFactory()
    lead_notify(lead_id=lead.pk)
    assert mail.outbox[0].to == [practice.email]


def test_the_patient_gets_a_confirmation_when_switched_on(practice, settings):
    settings.LEADS_PATIENT_CONFIRMATION = True
    lead = LeadFactory()
    lead_notify(lead_id=lead.pk)
    practice_email, patient_email = mail.outbox
    assert patient_email.to == [lead.email]
    assert practice.name in patient_email.body
    assert patient_email.extra_headers["Message-ID"] != practice_email.extra_headers["Message-ID"]


def test_a_request_that_needs_review_says_so_and_sends_the_patient_nothing(practice, settings):
    settings.LEADS_PATIENT_CONFIRMATION = True
    lead = LeadFactory(status=Lead.Status.NEEDS_REVIEW, spam_reason="missing or forged form token")
    lead_notify(lead_id=lead.pk)
    # Only the practice: a script may have used someone else's address.
    (practice_email,) = mail.outbox
    assert practice_email.subject == f"New consultation request #{lead.pk} - needs checking"
    assert "check it before replying" in practice_email.body


def test_a_lead_is_notified_only_once_however_often_its_task_runs(practice):
    lead = LeadFactory()
    assert send_lead_notification.call(lead.pk) is True
    assert send_lead_notification.call(lead.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_is_recorded_with_backoff_and_raised(practice, monkeypatch):
    lead = LeadFactory()

    def refuse(messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("leads.delivery.send_emails", refuse)
    with pytest.raises(LeadNotificationFailed, match="^ConnectionRefusedError$"):
        lead_notify(lead_id=lead.pk)
    lead.refresh_from_db()
    assert lead.notification_state == Lead.NotificationState.FAILED
    assert lead.notification_attempts == 1
    assert lead.notification_error == "ConnectionRefusedError"
    assert lead.notification_next_attempt_at > timezone.now()


def test_a_resend_carries_the_same_message_id(practice, monkeypatch):
    lead = LeadFactory()
    lead_notify(lead_id=lead.pk)
    Lead.objects.filter(pk=lead.pk).update(notification_state=Lead.NotificationState.FAILED)
    lead_notify(lead_id=lead.pk)
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]


def test_the_sweeper_queues_only_what_is_due(practice):
    due = LeadFactory(notification_next_attempt_at=timezone.now() - timezone.timedelta(minutes=1))
    LeadFactory(notification_next_attempt_at=timezone.now() + timezone.timedelta(minutes=5))
    LeadFactory(notification_state=Lead.NotificationState.SENT, notification_next_attempt_at=None)

    call_command("sweep_lead_notifications", verbosity=0)

    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs["args"] == [due.pk]
    due.refresh_from_db()
    assert due.notification_next_attempt_at > timezone.now()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql_only("SELECT ... FOR UPDATE SKIP LOCKED: SQLite has no row locks")
def test_two_sweepers_never_queue_the_same_lead(practice):
    lead = LeadFactory(notification_next_attempt_at=timezone.now() - timezone.timedelta(minutes=1))
    locked, release = threading.Event(), threading.Event()

    def other_sweeper_holding_the_row():
        with transaction.atomic():
            Lead.objects.select_for_update().get(pk=lead.pk)
            locked.set()
            release.wait(10)
        connection.close()

    other = threading.Thread(target=other_sweeper_holding_the_row)
    other.start()
    locked.wait(10)
    call_command("sweep_lead_notifications", verbosity=0)
    release.set()
    other.join()
    assert DBTaskResult.objects.count() == 0


def rename_table(old, new):
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {old} RENAME TO {new}")  # noqa: S608 - fixed names


def test_a_database_error_recording_the_email_sends_nothing_and_the_retry_sends_it_once(practice):
    lead = LeadFactory()
    # A real database error where the audit entry is written: its table is not there.
    rename_table("leads_leadaccess", "leads_leadaccess_away")

    with pytest.raises(LeadNotificationFailed):
        lead_notify(lead_id=lead.pk)

    lead.refresh_from_db()
    assert mail.outbox == []
    assert lead.notification_state == Lead.NotificationState.FAILED
    assert lead.notification_next_attempt_at > timezone.now()

    rename_table("leads_leadaccess_away", "leads_leadaccess")
    for _ in range(3):  # the sweeper's retries, however many
        Lead.objects.filter(pk=lead.pk).update(notification_next_attempt_at=timezone.now())
        call_command("sweep_lead_notifications", verbosity=0)
        lead_notify(lead_id=lead.pk)

    lead.refresh_from_db()
    assert len(mail.outbox) == 1
    assert lead.notification_state == Lead.NotificationState.SENT
    assert LeadAccess.objects.filter(kind=LeadAccess.Kind.EMAILED, leads__lead_id=lead.pk).count() == 1
