"""The worker writes the patient's emails in the language the lead was sent in, and the practice's in
the practice's language, whichever language the worker happens to run in."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale

from appointments.email_queue import email_queue
from appointments.models import AppointmentEmail
from leads.delivery import lead_notify
from leads.models import Lead
from leads.tasks import send_lead_notification
from tests.appointments.factories import ConsultationAvailabilityFactory
from tests.appointments.test_emails import book, work_the_queue
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = pytest.mark.django_db

CONFIRMATION_SUBJECT = {
    "en": "We have your consultation request",
    "es": "Hemos recibido su solicitud de consulta",
    "ar": "استلمنا طلب الاستشارة الخاص بك",
}
# 10:30 in London on a Tuesday, as each language writes it.
APPOINTMENT_SUBJECT = {
    "es": "Su consulta del martes 8 de junio de 2027 a las 10:30",
    "ar": "موعد استشارتك في الثلاثاء 8 يونيو 2027",
}


@pytest.fixture
def confirmations(settings):
    settings.LEADS_PATIENT_CONFIRMATION = True
    settings.LEADS_PRACTICE_INBOX = ["frontdesk@practice.example"]


@pytest.mark.parametrize("code", ["es", "ar"])
def test_the_patients_confirmation_is_in_the_leads_language_and_the_practices_email_in_english(
    client, practice, confirmations, code
):
    Locale.objects.get_or_create(language_code=code)
    answers = valid_answers(source_page=f"/{code}/consultation/")

    response = client.post(
        f"/{code}/consultation/", answers, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    lead = Lead.objects.get()
    assert lead.language == code
    assert not mail.outbox  # the worker sends them, not the request

    with translation.override(code):  # the worker's own language must not matter
        send_lead_notification.call(lead.pk)  # the queued task, as the worker runs it

    notification, confirmation = mail.outbox
    assert notification.to == ["frontdesk@practice.example"]
    assert notification.subject == f"New consultation request #{lead.pk}"
    assert "Contact by: Phone call, morning (9am to 12pm)" in notification.body
    assert confirmation.to == [lead.email]
    assert confirmation.subject == f"{CONFIRMATION_SUBJECT[code]} - {practice.name}"
    assert CONFIRMATION_SUBJECT["en"] not in confirmation.subject


def test_an_english_leads_confirmation_stays_english_when_the_worker_runs_in_spanish(practice, confirmations):
    lead = LeadFactory(language="en")
    Lead.objects.filter(pk=lead.pk).update(notification_state=Lead.NotificationState.PENDING)

    with translation.override("es"):
        lead_notify(lead_id=lead.pk)

    _notification, confirmation = mail.outbox
    assert confirmation.subject.startswith(CONFIRMATION_SUBJECT["en"])


@pytest.mark.parametrize("code", ["es", "ar"])
def test_appointment_emails_are_in_the_leads_language_and_the_front_desks_in_english(home, practice, code):
    clinic = ClinicPageFactory(parent=ClinicIndexPageFactory(parent=home), title="Marylebone")
    availability = ConsultationAvailabilityFactory(clinic=clinic, time_zone="Europe/London")
    lead = LeadFactory(clinic=clinic, status=Lead.Status.CONTACTED, language=code)
    appointment = book(lead, availability, datetime.datetime(2027, 6, 8, 9, 30, tzinfo=datetime.UTC))
    with transaction.atomic():
        email_queue(appointment, AppointmentEmail.Kind.DESK_CANCELLED)

    work_the_queue()

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    to_patient = by_recipient.pop((lead.email,))
    [to_desk] = by_recipient.values()
    assert to_patient.subject.startswith(APPOINTMENT_SUBJECT[code])
    assert to_desk.subject.startswith("The patient cancelled: consultation on Tuesday 8 June 2027 at 10:30")
