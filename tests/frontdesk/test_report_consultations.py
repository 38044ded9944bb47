"""The lead report's consultation figures: the median time from a request to its first booking, and
how many consultations were cancelled or not attended, for the period and per clinic."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.models import Appointment, ConsultationAvailability
from frontdesk.reports import build_report
from leads.models import Lead
from tests.appointments.factories import AppointmentFactory, ConsultationAvailabilityFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
State = Appointment.State
HOUR = datetime.timedelta(hours=1)


def requested(hours_ago, clinic=None, **fields):
    lead = LeadFactory(clinic=clinic, **fields)
    Lead.objects.filter(pk=lead.pk).update(created_at=timezone.now() - hours_ago * HOUR)
    return lead


def booked(lead, hours_after_request, state=State.BOOKED):
    """A consultation for `lead`, booked `hours_after_request` after the lead arrived."""
    lead.refresh_from_db()
    availability = ConsultationAvailability.objects.filter(
        clinic=lead.clinic
    ).first() or ConsultationAvailabilityFactory(clinic=lead.clinic)
    appointment = AppointmentFactory(
        lead=lead, availability=availability, starts_at=timezone.now() + 100 * HOUR, state=state
    )
    Appointment.objects.filter(pk=appointment.pk).update(
        created_at=lead.created_at + hours_after_request * HOUR
    )
    return appointment


def test_median_time_to_a_booking_and_how_consultations_ended():
    first = requested(72)
    booked(first, 24)
    booked(first, 60)  # a second booking: the first one counts
    booked(requested(72), 48, state=State.CANCELLED)
    booked(requested(72), 2, state=State.DID_NOT_ATTEND)
    requested(72)  # not booked
    booked(requested(72, status=Lead.Status.SPAM), 1)  # spam is not a request
    old = requested(24 * 7 * 20)
    booked(old, 1, state=State.CANCELLED)  # before the period

    report = build_report(weeks=4)

    assert report.median_to_appointment == 24 * HOUR
    assert report.median_to_appointment_text == "1 day 0 h"
    assert report.appointed == 3
    assert (report.cancelled, report.did_not_attend) == (1, 1)


def test_no_booking_yet_is_no_median():
    requested(5)

    report = build_report(weeks=4)

    assert report.median_to_appointment is None
    assert (report.appointed, report.cancelled, report.did_not_attend) == (0, 0, 0)


def test_each_clinic_has_its_own_figures(clinics):
    marylebone, richmond = clinics
    booked(requested(72, marylebone), 2)
    booked(requested(72, marylebone), 4, state=State.DID_NOT_ATTEND)
    booked(requested(72, richmond), 30, state=State.CANCELLED)

    by_clinic = dict(build_report(weeks=4).by_clinic)

    assert by_clinic["Marylebone"].median_to_appointment == 3 * HOUR
    assert (by_clinic["Marylebone"].cancelled, by_clinic["Marylebone"].did_not_attend) == (0, 1)
    assert by_clinic["Richmond"].median_to_appointment == 30 * HOUR
    assert (by_clinic["Richmond"].cancelled, by_clinic["Richmond"].did_not_attend) == (1, 0)


def test_the_report_page_shows_the_figures(client, manager, clinics):
    marylebone, richmond = clinics
    booked(requested(72, marylebone), 2, state=State.DID_NOT_ATTEND)
    booked(requested(72, richmond), 30, state=State.CANCELLED)
    client.force_login(manager)

    page = client.get(reverse("lead_admin:report")).content.decode()

    assert "Median time from request to a booked consultation:" in page
    assert "<strong>16 h 0 min</strong>" in page  # the median of 2 h and 30 h
    assert "<strong>1</strong> cancelled and <strong>1</strong> not attended" in page
    assert "2 h 0 min (1 booked)" in page and "1 day 6 h (1 booked)" in page
