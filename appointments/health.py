"""The appointments app's part of the health check: patient and front-desk emails not sent."""

from leads.delivery import DUE
from leads.health import undelivered_check

from .models import AppointmentEmail


def appointment_email_check():
    """Counts of undelivered appointment emails; alarm when one has waited over an hour."""
    return undelivered_check(
        AppointmentEmail.objects.filter(state__in=DUE), alarm="appointment_emails_failing"
    )
