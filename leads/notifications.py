"""The emails a lead sends: one to the practice inbox, optionally a confirmation to the patient.

Health details (treatment, message) stay in the admin: email crosses servers we do not control.
"""

from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Site

from appointments.offer import proposed_times_text
from practice.models import PracticeSettings


def lead_admin_url(lead):
    """The absolute link to the lead in the admin; the one place that knows the admin's URL."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("lead_admin:detail", args=[lead.pk])


def message_id(lead, kind):
    """The same Message-ID on every attempt, so a resend is recognisably the same email."""
    return f"<lead-{lead.pk}-{lead.created_at:%Y%m%d%H%M%S}-{kind}@{mail_domain()}>"


def mail_domain():
    """The domain of the address the site sends from: Message-IDs and calendar UIDs end in it."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


def practice_details():
    site = Site.objects.filter(is_default_site=True).first()
    return PracticeSettings.for_site(site) if site else PracticeSettings()


def practice_inbox(practice):
    inbox = settings.LEADS_PRACTICE_INBOX or ([practice.email] if practice.email else [])
    if not inbox:
        raise ImproperlyConfigured("Set LEADS_PRACTICE_INBOX or the practice's email address.")
    return inbox


def email_context(lead):
    # The clinic the patient chose, where the practice has several: its inbox, name, phone and hours.
    return {
        "lead": lead,
        "practice": practice_details(),
        "clinic": lead.clinic,
        "admin_url": lead_admin_url(lead),
        # Times only: no treatment, so the patient's copy may list them too.
        "proposed_times": proposed_times_text(lead),
    }


def lead_inbox(context):
    """Where the practice hears of the lead: the chosen clinic's inbox, else the practice's."""
    inbox = practice_inbox(context["practice"])
    return context["clinic"].inbox(inbox) if context["clinic"] else inbox


def practice_notification(lead, context):
    """The email that tells the practice about the lead: the one that must arrive."""
    subject = f"New consultation request #{lead.pk}"
    if context["clinic"]:
        subject += f" - {context['clinic'].title}"
    if lead.status == lead.Status.NEEDS_REVIEW:
        subject += " - needs checking"
    return EmailMessage(
        subject=subject,
        body=render_to_string("leads/email/practice_notification.txt", context),
        to=lead_inbox(context),
        reply_to=[lead.email] if lead.email else None,
        headers={"Message-ID": message_id(lead, "practice")},
    )


def patient_confirmation(lead, context):
    """The patient's copy, or None when it is switched off or must not be sent; in the language
    active while it is built."""
    # Not to a request that needs review: it may come from a script using someone else's address.
    if not settings.LEADS_PATIENT_CONFIRMATION or not lead.email or lead.status == lead.Status.NEEDS_REVIEW:
        return None
    practice, clinic = context["practice"], context["clinic"]
    reply_to = (clinic.email if clinic else "") or practice.email
    return EmailMessage(
        subject=gettext("We have your consultation request - %(practice)s") % {"practice": practice.name},
        body=render_to_string("leads/email/patient_confirmation.txt", context),
        to=[lead.email],
        reply_to=[reply_to] if reply_to else None,
        headers={"Message-ID": message_id(lead, "patient")},
    )


def describe_email(message, lead):
    """What the audit trail keeps of a sent email: its subject and who it went to, without addresses."""
    if lead.email and message.to == [lead.email]:
        to = "the patient"
    else:
        inbox = f"the {lead.clinic.title} clinic's inbox" if lead.clinic else "the practice inbox"
        to = f"{inbox} ({len(message.to)})"
    return f"{message.subject} — to {to}"


def send_emails(messages):
    """Hand the messages to the mail server; raises if it refuses any of them."""
    with get_connection(fail_silently=False) as connection:
        connection.send_messages(messages)
