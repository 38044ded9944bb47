"""The emails about an appointment: to the patient (confirmation, cancellation, reminder, each with
an .ics file for their calendar) and to the front desk when the patient uses their link.

No health details in any of them (no treatment, no message): email crosses servers we do not
control, and a calendar entry is read on lock screens. Times are the clinic's wall clock.
"""

import icalendar
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leads import audit
from leads.notifications import describe_email, lead_admin_url, lead_inbox, mail_domain, practice_details

from . import links
from .models import Appointment, AppointmentEmail
from .slots import local_text

Kind = AppointmentEmail.Kind

# What the patient's emails say, by kind: subject (with the time; translated when it is sent) and template.
PATIENT_EMAILS = {
    Kind.CONFIRMATION: (_("Your consultation on {when}"), "appointments/email/confirmation.txt"),
    Kind.CANCELLATION: (_("Cancelled: your consultation on {when}"), "appointments/email/cancellation.txt"),
    Kind.REMINDER: (_("Reminder: your consultation on {when}"), "appointments/email/reminder.txt"),
}
DESK_EMAILS = {
    Kind.DESK_CANCELLED: ("The patient cancelled: consultation on {when}, lead #{lead}", "cancelled"),
    Kind.DESK_ANOTHER_TIME: ("The patient asks for another time than {when}, lead #{lead}", "another_time"),
}


def compose(email):
    """The messages `email` (an AppointmentEmail) sends now, its audit entry written; none when it
    is no longer needed: the patient's address erased, a reminder or confirmation for an
    appointment no longer booked, a reminder once the consultation has started."""
    appointment = email.appointment
    lead = appointment.lead
    if email.kind in AppointmentEmail.TO_THE_PATIENT:
        if not lead.email:
            return []
        booked = appointment.state == Appointment.State.BOOKED
        if email.kind != Kind.CANCELLATION and not booked:
            return []
        if email.kind == Kind.REMINDER and appointment.starts_at <= timezone.now():
            return []
    # The patient's in the language they sent their request in; the front desk's in the practice's.
    to_the_patient = email.kind in PATIENT_EMAILS
    with translation.override(lead.language if to_the_patient else settings.LANGUAGE_CODE):
        build = patient_email if to_the_patient else desk_email
        message = build(email.kind, email_context(appointment))
    audit.record_lead_emailed(lead=lead, descriptions=[describe_email(message, lead)])
    return [message]


def email_context(appointment):
    practice = practice_details()
    # A clinic without availability of its own books into the practice's: it is still that clinic.
    clinic = appointment.availability.clinic or appointment.lead.clinic
    place = clinic or practice
    return {
        "appointment": appointment,
        "lead": appointment.lead,
        "practice": practice,
        # Where the consultation is: the clinic, else the practice's own address and phone.
        "clinic": clinic,
        "place_name": clinic.title if clinic else practice.name,
        "address_lines": place.address_lines,
        "phone": place.phone or practice.phone,
        "reply_to": (clinic.email if clinic else "") or practice.email,
        "when": local_text(appointment.starts_at, appointment.availability.zone),
        "link": links.link_url(appointment),
        "admin_url": lead_admin_url(appointment.lead),
    }


def patient_email(kind, context):
    appointment = context["appointment"]
    subject, template = PATIENT_EMAILS[kind]
    message = EmailMessage(
        subject=f"{subject.format(when=context['when'])} - {context['practice'].name}",
        body=render_to_string(template, context),
        to=[context["lead"].email],
        reply_to=[context["reply_to"]] if context["reply_to"] else None,
        headers={"Message-ID": message_id(appointment, kind)},
    )
    message.attach("consultation.ics", calendar_file(context), calendar_mime_type(appointment))
    return message


def desk_email(kind, context):
    """To the inbox the lead's notification went to: the chosen clinic's, else the practice's. The
    patient's note stays on the lead's timeline, like the request's message."""
    subject, name = DESK_EMAILS[kind]
    return EmailMessage(
        subject=subject.format(when=context["when"], lead=context["lead"].pk),
        body=render_to_string(f"appointments/email/desk_{name}.txt", context),
        to=lead_inbox({"practice": context["practice"], "clinic": context["lead"].clinic}),
        headers={"Message-ID": message_id(context["appointment"], kind)},
    )


def message_id(appointment, kind):
    """The same Message-ID on every attempt, so a resend is recognisably the same email."""
    return f"<appointment-{appointment.pk}-{kind}@{mail_domain()}>"


def calendar_mime_type(appointment):
    method = "CANCEL" if appointment.state == Appointment.State.CANCELLED else "PUBLISH"
    return f"text/calendar; charset=utf-8; method={method}"


def calendar_file(context):
    """The appointment as an iCalendar file: one event whose UID stays the same for the
    appointment, so a cancellation (SEQUENCE 1, METHOD:CANCEL) replaces the entry it confirmed."""
    appointment = context["appointment"]
    cancelled = appointment.state == Appointment.State.CANCELLED
    zone = appointment.availability.zone
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{context['practice'].name}//Consultations//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"appointment-{appointment.pk}@{mail_domain()}")
    event.add("sequence", 1 if cancelled else 0)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("dtstamp", timezone.now())
    # In the clinic's zone (with its VTIMEZONE), so calendars show the clinic's wall clock.
    event.add("dtstart", appointment.starts_at.astimezone(zone))
    event.add("dtend", appointment.ends_at.astimezone(zone))
    event.add("summary", gettext("Consultation at %(place)s") % {"place": context["place_name"]})
    event.add("location", ", ".join([context["place_name"], *context["address_lines"]]))
    details = [f"{gettext('Phone:')} {context['phone']}"] if context["phone"] else []
    if not cancelled:
        details.append(gettext("To cancel or ask for another time: %(link)s") % {"link": context["link"]})
    if details:
        event.add("description", "\n".join(details))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
