"""What the task queue keeps of a notification: no personal data, and not for long."""

import datetime

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from leads.models import Lead
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_patient_address_leaves_no_personal_data_in_the_task_table(practice, settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]
    settings.LEADS_PATIENT_CONFIRMATION = True
    lead = LeadFactory(first_name="Ottoline", last_name="Quennell", email="ottoline.q@patient.example")
    send_lead_notification.enqueue(lead.pk)

    server = Controller(RefusingSink(refused=lead.email), hostname="127.0.0.1", port=port)
    server.start()
    try:
        run_worker()
    finally:
        server.stop()

    lead.refresh_from_db()
    assert lead.notification_state == Lead.NotificationState.FAILED
    assert lead.notification_error == "SMTPRecipientsRefused"
    [task] = DBTaskResult.objects.values()
    assert task["status"] == "FAILED"
    stored = " ".join(str(value) for value in task.values())
    assert "SMTPRecipientsRefused" in stored
    for personal in ("ottoline", "quennell", "patient.example", "@", "No such user"):
        assert personal not in stored.lower(), personal


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
