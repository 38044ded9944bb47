"""The mail server is down when a patient asks: the lead is kept and the email goes out later."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from leads.models import Lead

from .conftest import valid_answers
from .test_notifications import run_worker


class Sink:
    """An SMTP server that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content.decode())
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lead_sent_while_mail_is_down_is_delivered_once_it_is_back(client, practice, settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]

    started = time.monotonic()
    response = client.post(reverse("leads:consultation"), valid_answers(), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert time.monotonic() - started < 1
    assert client.get(response["Location"]).status_code == 200
    lead = Lead.objects.get()

    run_worker()  # nothing listens on the port yet
    lead.refresh_from_db()
    assert lead.notification_state == Lead.NotificationState.FAILED
    assert lead.notification_attempts == 1

    sink = Sink()
    server = Controller(sink, hostname="127.0.0.1", port=port)
    server.start()
    try:
        # The backoff has passed: the sweeper queues the notification again, the worker sends it.
        Lead.objects.update(notification_next_attempt_at=timezone.now())
        call_command("sweep_lead_notifications", verbosity=0)
        run_worker()
    finally:
        server.stop()

    lead.refresh_from_db()
    assert lead.notification_state == Lead.NotificationState.SENT
    assert lead.notification_attempts == 2
    [message] = sink.messages
    assert f"Message-ID: <lead-{lead.pk}-" in message
    assert f"/admin/leads/{lead.pk}/" in message
