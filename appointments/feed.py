"""Each clinic's consultations as an iCalendar feed that Outlook, Google and Apple calendars subscribe
to at a secret address, and making that address anew (which stops the old one).

The address holds 32 random bytes; only their SHA-256 hash is stored. A request is found by the
hash of the token it brings, so the database compares hashes, never the token: how long a wrong
guess takes tells nothing about the real one (finding a token whose hash shares a prefix with the
stored hash is the preimage problem). Events name the lead by number only: no patient's name and
no treatment reach a phone's calendar.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited
from icalendar import Calendar, Event, vDuration
from wagtail.log_actions import log

from leads.abuse import ip_hash

from .models import Appointment, CalendarFeed

NEW_LINK_ACTION = "appointments.calendar_feed_new_link"
# Consultations from this far back stay in the feed, so this week's outcomes are still there.
DAYS_BACK = 7
# Calendar apps poll every 5 to 60 minutes; several staff behind one office address share this.
RATE = "120/10m"
# What a subscribed calendar may keep before asking again, and how often it is asked to.
MAX_AGE_SECONDS = 300
REFRESH = datetime.timedelta(minutes=15)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed_link(*, availability, by):
    """A new secret token for `availability`'s feed, replacing any earlier one (whose address
    stops working at once), recorded in the admin's history; the token is returned once, to show."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed, _ = CalendarFeed.objects.update_or_create(
            availability=availability,
            defaults={"token_hash": token_hash(token), "created_at": timezone.now(), "created_by": by},
        )
        log(instance=feed, action=NEW_LINK_ACTION, user=by)
    return token


def feed_for_token(token):
    """The feed whose secret `token` is, or None (a wrong or replaced token)."""
    return (
        CalendarFeed.objects.select_related("availability__clinic")
        .filter(token_hash=token_hash(token))
        .first()
    )


def feed_events(feed, *, now):
    """The availability's consultations from DAYS_BACK ago to its booking horizon, in order,
    cancelled ones included (so calendars that kept them remove them)."""
    availability = feed.availability
    return Appointment.objects.filter(
        availability=availability,
        starts_at__gte=now - datetime.timedelta(days=DAYS_BACK),
        starts_at__lte=now + datetime.timedelta(weeks=availability.latest_weeks),
    ).order_by("starts_at", "place")


def feed_calendar(feed, *, host, now=None):
    """The iCalendar file of `feed` (bytes): times in UTC, which every client shows in its own zone."""
    now = now or timezone.now()
    availability = feed.availability
    calendar = Calendar()
    calendar.add("prodid", "-//Practice website//Consultations//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", str(availability))
    calendar.add("x-wr-timezone", availability.time_zone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # An extension property is written as text unless told it is a duration (Outlook reads PT15M).
    calendar.add("x-published-ttl", vDuration(REFRESH))
    location = availability.clinic.title if availability.clinic_id else ""
    for appointment in feed_events(feed, now=now):
        calendar.add_component(_event(appointment, host=host, now=now, location=location))
    return calendar.to_ical()


def _event(appointment, *, host, now, location):
    cancelled = appointment.state == Appointment.State.CANCELLED
    event = Event()
    event.add("uid", f"consultation-{appointment.pk}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", f"Consultation #{appointment.lead_id}")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # A cancellation is a new version of the event: clients that kept it apply the change.
    event.add("sequence", 1 if cancelled else 0)
    if location:
        event.add("location", location)
    event.add(
        "url", settings.WAGTAILADMIN_BASE_URL + reverse("lead_admin:detail", args=[appointment.lead_id])
    )
    return event


@require_safe
def calendar_feed(request, token):
    """The feed at its secret address: 404 for a wrong or replaced token, 429 when one address asks
    too often; private to the subscriber, so the page cache never keeps it."""
    if is_ratelimited(
        request,
        group="appointments.feed",
        key=lambda group, request: ip_hash(request),
        rate=RATE,
        increment=True,
    ):
        return HttpResponse(
            "Too many requests: try again in a few minutes.", status=429, content_type="text/plain"
        )
    feed = feed_for_token(token)
    if feed is None:
        return HttpResponseNotFound("No calendar at this address.", content_type="text/plain")
    response = HttpResponse(
        feed_calendar(feed, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = f"private, max-age={MAX_AGE_SECONDS}"
    response["Content-Disposition"] = 'inline; filename="consultations.ics"'
    return response
