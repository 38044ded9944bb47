"""Sending an appointment email from the task queue, at most once, retried while the mail server
is down: the lead notification's claim and backoff (leads.delivery.send_once), over the fields of
an AppointmentEmail row. Queueing them is appointments.email_queue's job.
"""

from leads.delivery import DeliveryFailed, Outbox, send_once

from .emails import compose
from .models import AppointmentEmail

OUTBOX = Outbox(
    state="state", attempts="attempts", error="error", next_attempt_at="next_attempt_at", sent_at="sent_at"
)


class AppointmentEmailFailed(DeliveryFailed):
    """An appointment email could not be sent; the message is only the error's class name."""


def appointment_email_send(*, email_id):
    """Send one appointment email at most once; True when it was dealt with now."""
    rows = AppointmentEmail.objects.filter(pk=email_id)
    return send_once(rows, outbox=OUTBOX, compose=compose, failed=AppointmentEmailFailed) is not None
