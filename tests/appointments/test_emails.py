"""The patient is told: a confirmation with an .ics file, a cancellation that removes it, a reminder
24 hours before; each through the task queue, at most once, retried while the mail server is down."""

import contextlib
import datetime
import threading
from email import message_from_string

import icalendar
import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.booking import appointment_book, appointment_cancel
from appointments.delivery import AppointmentEmailFailed, appointment_email_send
from appointments.models import AppointmentEmail
from leads.models import Lead
from leads.notifications import mail_domain
from leads.privacy import lead_anonymise
from tests.appointments.factories import ConsultationAvailabilityFactory
from tests.leads.factories import LeadFactory, StaffFactory
from tests.leads.test_mail_server_down import Sink, free_port
from tests.leads.test_notifications import run_worker

pytestmark = pytest.mark.django_db

Kind = AppointmentEmail.Kind
State = Lead.NotificationState
LONDON = datetime.timezone(datetime.timedelta(hours=1))  # British Summer Time, for readable starts
TREATMENT, MESSAGE = "Laser skin tightening", "I have a scar on my left cheek"


class WorkerKilled(BaseException):
    """What the worker's process sees when it is killed: nothing in it can catch it."""


@pytest.fixture
def availability(practice, clinic):
    return ConsultationAvailabilityFactory(clinic=clinic, time_zone="Europe/London")


@pytest.fixture
def lead(clinic):
    return LeadFactory(
        clinic=clinic, status=Lead.Status.CONTACTED, treatment_title=TREATMENT, message=MESSAGE
    )


def in_days(days, hour=10):
    """A start `days` ahead at `hour`:00 UTC, on the half hour grid."""
    start = timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return start + datetime.timedelta(days=days)


def book(lead, availability, starts_at):
    return appointment_book(
        lead=lead, starts_at=starts_at, by=StaffFactory(), availability=availability, any_time=True
    )


def work_the_queue():
    """Run every appointment email task queued and not yet run, as the worker would."""
    for task in DBTaskResult.objects.ready().filter(task_path="appointments.tasks.send_appointment_email"):
        with contextlib.suppress(AppointmentEmailFailed):  # recorded on the row, as the worker does
            appointment_email_send(email_id=task.args_kwargs["args"][0])
        task.delete()


def sweep():
    call_command("sweep_lead_notifications", verbosity=0)


def make_due(**filters):
    AppointmentEmail.objects.filter(**filters).update(next_attempt_at=timezone.now())


def attached_calendar(message):
    [(name, content, mime_type)] = message.attachments
    assert name == "consultation.ics"
    return icalendar.Calendar.from_ical(content), mime_type


def test_booking_sends_the_patient_a_confirmation_with_the_clinic_and_a_calendar_file(
    lead, availability, clinic
):
    starts_at = datetime.datetime(2027, 6, 8, 9, 30, tzinfo=datetime.UTC)  # 10:30 in London
    appointment = book(lead, availability, starts_at)
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs == {"args": [appointment.emails.get().pk], "kwargs": {}}

    work_the_queue()

    [message] = mail.outbox
    assert message.to == [lead.email]
    assert message.subject.startswith("Your consultation on Tuesday 8 June 2027 at 10:30")
    assert clinic.title in message.body
    assert clinic.street_address in message.body
    assert clinic.phone in message.body
    assert "What to bring" in message.body
    assert "/appointment/" in message.body
    calendar, mime_type = attached_calendar(message)
    assert mime_type == "text/calendar; charset=utf-8; method=PUBLISH"
    [event] = calendar.walk("VEVENT")
    assert event.start == starts_at
    assert str(event.start.tzinfo) == "Europe/London"
    assert event.start.hour == 10 and event.start.minute == 30
    assert event.end - event.start == datetime.timedelta(minutes=30)
    assert clinic.street_address in str(event["LOCATION"])
    assert event["UID"] == f"appointment-{appointment.pk}@{mail_domain()}"
    assert event["SEQUENCE"] == 0
    assert calendar["METHOD"] == "PUBLISH"
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    for text in (message.subject, message.body, calendar.to_ical().decode()):
        assert TREATMENT not in text
        assert MESSAGE not in text
    assert appointment.emails.get().state == State.SENT


def test_a_cancellation_after_the_confirmation_removes_the_same_calendar_entry(lead, availability):
    appointment = book(lead, availability, in_days(5))
    work_the_queue()

    appointment_cancel(appointment=appointment, by=StaffFactory())
    work_the_queue()

    confirmation, cancellation = mail.outbox
    assert cancellation.subject.startswith("Cancelled: your consultation on")
    booked, _ = attached_calendar(confirmation)
    cancelled, mime_type = attached_calendar(cancellation)
    assert mime_type.endswith("method=CANCEL")
    assert cancelled["METHOD"] == "CANCEL"
    [before], [after] = booked.walk("VEVENT"), cancelled.walk("VEVENT")
    assert after["UID"] == before["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after["STATUS"] == "CANCELLED"


def test_a_cancellation_before_the_confirmation_went_sends_the_patient_nothing(lead, availability):
    appointment = book(lead, availability, in_days(5))

    appointment_cancel(appointment=appointment, by=StaffFactory())
    work_the_queue()

    assert mail.outbox == []
    assert appointment.emails.get().state == State.NOT_NEEDED


def test_the_confirmation_is_sent_once_with_a_mail_server_that_fails_then_works(
    lead, availability, monkeypatch
):
    appointment = book(lead, availability, in_days(5))
    refusals = []

    def down_then_up(messages):
        if not refusals:
            refusals.append(messages)
            raise ConnectionRefusedError("mail server down")
        mail.outbox.extend(messages)

    monkeypatch.setattr("leads.delivery.send_emails", down_then_up)
    work_the_queue()
    email = appointment.emails.get()
    assert (email.state, email.attempts, email.error) == (State.FAILED, 1, "ConnectionRefusedError")
    assert email.next_attempt_at > timezone.now()
    sweep()
    assert not DBTaskResult.objects.exists()  # not before its backoff

    for _ in range(3):  # however often the sweeper runs once it is due
        make_due()
        sweep()
        work_the_queue()

    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.SENT, 2)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_confirmation_while_the_real_mail_server_is_down_goes_once_it_is_back(lead, availability, settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    appointment = book(lead, availability, in_days(5))

    run_worker()  # nothing listens on the port yet
    email = appointment.emails.get()
    assert email.state == State.FAILED

    sink = Sink()
    server = Controller(sink, hostname="127.0.0.1", port=port)
    server.start()
    try:
        for _ in range(2):
            make_due()
            sweep()
            run_worker()
    finally:
        server.stop()

    [message] = sink.messages
    assert f"Message-ID: <appointment-{appointment.pk}-confirmation@" in message
    [part] = [
        part for part in message_from_string(message).walk() if part.get_content_type() == "text/calendar"
    ]
    assert part.get_param("method") == "PUBLISH"
    [event] = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert event.start == appointment.starts_at
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.SENT, 2)


@pytest.fixture
def reminder_due(lead, availability):
    """An appointment booked days ago that starts in ten hours, its confirmation long sent."""
    appointment = book(lead, availability, in_days(3))
    work_the_queue()
    mail.outbox.clear()
    starts_at = timezone.now() + datetime.timedelta(hours=10)
    type(appointment).objects.filter(pk=appointment.pk).update(
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=30),
        created_at=timezone.now() - datetime.timedelta(days=3),
    )
    appointment.refresh_from_db()
    return appointment


def test_the_reminder_goes_once_within_24_hours_even_when_the_worker_dies_mid_send(reminder_due, monkeypatch):
    def killed(messages):
        raise WorkerKilled

    with monkeypatch.context() as patched:
        patched.setattr("leads.delivery.send_emails", killed)
        sweep()
        with pytest.raises(WorkerKilled):
            work_the_queue()

    # Nothing was committed: the reminder is still waiting, and the sweeper sends it once it is due.
    reminder = reminder_due.emails.get(kind=Kind.REMINDER)
    assert (reminder.state, reminder.attempts) == (State.PENDING, 0)
    for _ in range(3):
        make_due(kind=Kind.REMINDER)
        sweep()
        work_the_queue()

    [message] = mail.outbox
    assert message.subject.startswith("Reminder: your consultation on")
    assert reminder_due.emails.filter(kind=Kind.REMINDER).count() == 1
    reminder.refresh_from_db()
    assert reminder.state == State.SENT


def test_no_reminder_for_a_cancelled_appointment(reminder_due):
    sweep()
    appointment_cancel(appointment=reminder_due, by=None)
    mail.outbox.clear()
    work_the_queue()

    assert not any(message.subject.startswith("Reminder") for message in mail.outbox)
    assert reminder_due.emails.get(kind=Kind.REMINDER).state == State.NOT_NEEDED


def test_no_reminder_for_an_erased_lead(reminder_due):
    lead_anonymise(lead=reminder_due.lead)

    sweep()
    work_the_queue()

    assert mail.outbox == []
    assert not reminder_due.emails.filter(kind=Kind.REMINDER).exists()


def test_no_reminder_for_an_appointment_booked_less_than_a_day_ahead(lead, availability):
    book(lead, availability, timezone.now() + datetime.timedelta(hours=20))
    work_the_queue()

    sweep()

    assert not AppointmentEmail.objects.filter(kind=Kind.REMINDER).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql_only("SELECT ... FOR UPDATE SKIP LOCKED: SQLite has no row locks")
def test_a_second_worker_leaves_alone_the_reminder_another_is_sending(reminder_due):
    sweep()
    reminder = reminder_due.emails.get(kind=Kind.REMINDER)
    locked, release = threading.Event(), threading.Event()

    def worker_sending_it():
        with transaction.atomic():
            AppointmentEmail.objects.select_for_update().get(pk=reminder.pk)
            locked.set()
            release.wait(10)
        connection.close()

    other = threading.Thread(target=worker_sending_it)
    other.start()
    locked.wait(10)
    assert appointment_email_send(email_id=reminder.pk) is False
    release.set()
    other.join()
    assert mail.outbox == []


def test_an_appointment_email_undelivered_for_over_an_hour_raises_an_alarm(client, lead, availability):
    appointment = book(lead, availability, in_days(5))
    fresh = client.get("/healthz").json()
    AppointmentEmail.objects.filter(appointment=appointment).update(
        state=State.FAILED, created_at=timezone.now() - datetime.timedelta(minutes=61)
    )

    stale = client.get("/healthz").json()

    assert "appointment_emails_failing" not in fresh["alarms"]
    assert fresh["appointment_emails"]["undelivered"] == 1
    assert "appointment_emails_failing" in stale["alarms"]
    assert stale["appointment_emails"]["undelivered_over_an_hour"] == 1
