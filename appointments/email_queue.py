"""Queueing appointment emails: with the booking, cancellation or request they tell of (in its
transaction), the reminders 24 hours ahead, and the lead sweeper's round that queues again what
is overdue. The worker sends them (appointments.tasks, appointments.delivery).
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from leads.delivery import first_attempt_grace, requeue_due
from leads.models import Lead

from .delivery import OUTBOX
from .models import Appointment, AppointmentEmail
from .tasks import send_appointment_email

Kind = AppointmentEmail.Kind
REMINDER_BEFORE = datetime.timedelta(hours=24)


def email_queue(appointment, kind):
    """Queue one email of `kind` about `appointment`, in the caller's transaction: the row and its
    task commit with the change they tell of, or not at all. One of each kind per appointment."""
    if kind in AppointmentEmail.TO_THE_PATIENT and not appointment.lead.email:
        return None
    try:
        with transaction.atomic():
            email = AppointmentEmail.objects.create(
                appointment=appointment, kind=kind, next_attempt_at=timezone.now() + first_attempt_grace()
            )
    except IntegrityError:
        return None  # already queued or sent: once is enough
    send_appointment_email.enqueue(email.pk)
    return email


def cancellation_queue(appointment):
    """Tell the patient of a cancellation only if they were told of the booking: a confirmation
    not yet sent is dropped instead. Its row is locked, so a worker sending it right now finishes
    first and the patient gets both, in order."""
    confirmation = appointment.emails.select_for_update().filter(kind=Kind.CONFIRMATION).first()
    if confirmation is None:
        return
    if confirmation.state == Lead.NotificationState.SENT:
        email_queue(appointment, Kind.CANCELLATION)
    elif confirmation.state != Lead.NotificationState.NOT_NEEDED:
        OUTBOX.mark(confirmation, Lead.NotificationState.NOT_NEEDED)


def reminders_queue(*, limit=100, now=None):
    """Queue the reminder of every booked appointment starting within the next 24 hours that has
    none yet; not for one booked less than 24 hours ahead (its confirmation is fresh) nor for a
    patient with no email address (erased, or never given). Returns how many were queued."""
    now = now or timezone.now()
    due = (
        Appointment.objects.filter(
            state=Appointment.State.BOOKED,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_BEFORE,
            created_at__lte=F("starts_at") - REMINDER_BEFORE,
        )
        .exclude(lead__email="")
        .exclude(emails__kind=Kind.REMINDER)
        .select_related("lead")
        .order_by("starts_at")[:limit]
    )
    queued = 0
    for appointment in due:
        with transaction.atomic():
            queued += email_queue(appointment, Kind.REMINDER) is not None
    return queued


def emails_sweep(*, limit, **kwargs):
    """The lead sweeper's round for appointments (connected in AppointmentsConfig.ready): due
    reminders queued, and emails pending too long or failed past their backoff queued again."""
    queued = reminders_queue(limit=limit)
    return queued + requeue_due(
        AppointmentEmail.objects.all(), outbox=OUTBOX, task=send_appointment_email, limit=limit
    )
