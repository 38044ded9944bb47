"""What the task queue keeps of a notification: no personal data, and not for long."""

import datetime

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from leads.models import Lead, LeadAccess, LeadEvent
from leads.tasks import send_lead_notification

from .factories import LeadFactory
from .test_mail_server_down import Sink, free_port
from .test_notifications import run_worker


class RefusingSink(Sink):
    """An SMTP server that refuses one recipient, as a mailbox that does not exist is refused."""

    def __init__(self, refused):
        super().__init__()
        self.refused = refused

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def notify_through(sink, settings, lead):
    """Queue the lead's notification and let the worker send it through a real SMTP server."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    send_lead_notification.enqueue(lead.pk)
    server = Controller(sink, hostname="127.0.0.1", port=port)
    server.start()
    try:
        run_worker()
    finally:
        server.stop()


def assert_nothing_personal(task, lead):
    stored = " ".join(str(value) for value in task.values())
    for personal in (lead.first_name, lead.last_name, lead.email, "@", "No such user"):
        assert personal.lower() not in stored.lower(), personal


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_practice_inbox_leaves_no_personal_data_in_the_task_table(practice, settings):
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]
    lead = LeadFactory(first_name="Ottoline", last_name="Quennell", email="ottoline.q@patient.example")

    notify_through(RefusingSink(refused="frontdesk@practice.example"), settings, lead)

    lead.refresh_from_db()
    assert lead.notification_state == Lead.NotificationState.FAILED
    assert lead.notification_error == "SMTPRecipientsRefused"
    [task] = DBTaskResult.objects.values()
    assert task["status"] == "FAILED"
    assert "SMTPRecipientsRefused" in " ".join(str(value) for value in task.values())
    assert_nothing_personal(task, lead)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_patient_address_tells_the_practice_once_and_notes_it_on_the_timeline(
    practice, settings, caplog
):
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]
    settings.LEADS_PATIENT_CONFIRMATION = True
    lead = LeadFactory(first_name="Ottoline", last_name="Quennell", email="ottoline.q@patient.example")
    sink = RefusingSink(refused=lead.email)

    notify_through(sink, settings, lead)
    # The sweeper and the worker run again, as they do every minute: nothing is due.
    for _ in range(2):
        Lead.objects.update(notification_next_attempt_at=timezone.now())
        call_command("sweep_lead_notifications", verbosity=0)
        notify_through(sink, settings, lead)

    lead.refresh_from_db()
    assert lead.notification_state == Lead.NotificationState.SENT
    [practice_email] = sink.messages
    assert f"New consultation request #{lead.pk}" in practice_email
    note = lead.events.get(kind=LeadEvent.Kind.NOTE).note
    assert "not delivered (SMTPRecipientsRefused)" in note
    # Our own log lines, not the test mail server's.
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail")).lower()
    assert "confirmation to the patient of lead" in logged
    for personal in ("ottoline", "quennell", "patient.example", "no such user"):
        assert personal not in logged
        assert personal not in note.lower()
    # The refused confirmation is not on the audit trail: only the email that was sent.
    [emailed] = LeadAccess.objects.filter(kind=LeadAccess.Kind.EMAILED)
    assert "to the practice inbox" in emailed.summary and "patient" not in emailed.summary
    for task in DBTaskResult.objects.values():
        assert task["status"] == "SUCCESSFUL"
        assert_nothing_personal(task, lead)


@pytest.mark.django_db
def test_the_sweeper_deletes_finished_notification_tasks_after_a_few_days(practice):
    old_sent, old_failed, recent, waiting = (
        send_lead_notification.enqueue(LeadFactory().pk).id for _ in range(4)
    )
    long_ago = timezone.now() - datetime.timedelta(days=4)
    DBTaskResult.objects.filter(pk=old_sent).update(status="SUCCESSFUL", finished_at=long_ago)
    DBTaskResult.objects.filter(pk=old_failed).update(status="FAILED", finished_at=long_ago)
    DBTaskResult.objects.filter(pk=recent).update(status="FAILED", finished_at=timezone.now())

    call_command("sweep_lead_notifications", verbosity=0)

    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {recent, waiting}
