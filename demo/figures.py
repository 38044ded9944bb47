"""A month of plausible page views and the consultation requests they brought, so the conversion
report, the dashboard and the editors' figures are filled in when `make run` opens the admin.

The same seed gives the same month. Requests carry the arrivals the views were counted with (named
by leads.attribution like any lead), so the report's sources and campaigns agree with the inbox.
"""

import datetime
import random

from django.utils import timezone

from analytics.conversion import page_path
from analytics.models import PageViewCount
from leads.models import ConsentVersion, Lead
from practice.visitors import Device
from treatments.models import ArticlePage, TreatmentPage

DAYS = 30
SEED = 16
CAMPAIGN = "spring-skin"
# How visitors arrive, as the counting stores it (channel, source, campaign), and the share of
# entries each brings; with what a lead from that arrival stores for it to be named the same.
ARRIVALS = [
    (("organic", "google", ""), 0.40, {"referrer": "https://www.google.com/"}),
    (
        ("paid", "google", CAMPAIGN),
        0.22,
        {
            "landing": "?utm_source=google&utm_medium=cpc&utm_campaign=" + CAMPAIGN,
            "utm_source": "google",
            "utm_medium": "cpc",
            "utm_campaign": CAMPAIGN,
        },
    ),
    (("social", "instagram", ""), 0.13, {"referrer": "https://l.instagram.com/"}),
    (("direct", "direct", ""), 0.25, {}),
]
DEVICES = [(Device.MOBILE, 0.62), (Device.DESKTOP, 0.30), (Device.TABLET, 0.08)]
# Of a page's views, the share from visitors already on the site.
INTERNAL_SHARE = 0.45
FIRST_NAMES = [
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Sophia",
    "Grace",
    "Lily",
    "Freya",
    "Emily",
    "Noah",
    "Leo",
]
LAST_NAMES = ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright"]
# Older requests have gone further down the pipeline than this week's.
OLDER_STATUSES = [("patient", 0.2), ("booked", 0.25), ("contacted", 0.25), ("lost", 0.2), ("new", 0.1)]
RECENT_STATUSES = [("new", 0.5), ("contacted", 0.3), ("booked", 0.2)]


def load(home, today=None):
    """Load the month unless page views were counted already; returns how many requests it added."""
    if PageViewCount.objects.exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311  # nosec B311: made-up figures
    pages = [(page, path, *_traffic(page)) for page in _pages(home) if (path := page_path(page))]
    counts = []
    leads = []
    for offset in range(DAYS):
        day = today - datetime.timedelta(days=DAYS - 1 - offset)
        quiet = 0.6 if day.weekday() >= 5 else 1.0
        for page, path, daily, rate in pages:
            views = round(daily * quiet * rng.uniform(0.7, 1.3))
            counts.extend(_counts(rng, day, path, views))
            leads.extend(_lead(rng, day, today, page, path) for _ in range(_requests(rng, views * rate)))
    PageViewCount.objects.bulk_create(counts)
    _save(leads)
    return len(leads)


def _pages(home):
    return home.get_descendants(inclusive=True).live().specific()


def _traffic(page):
    """(views a day, share of them that send a request) for a kind of page."""
    if isinstance(page, TreatmentPage):
        return (45, 0.035) if page.slug == "laser-skin-tightening" else (25, 0.02)
    if isinstance(page, ArticlePage):
        return 30, 0.008
    return (90, 0.0) if page.depth <= 2 else (12, 0.0)


def _weighted(rng, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def _counts(rng, day, path, views):
    internal = round(views * INTERNAL_SHARE)
    groups = [(("internal", "", ""), internal)]
    groups += [(arrival, round((views - internal) * share)) for arrival, share, _ in ARRIVALS]
    for (channel, source, campaign), n in groups:
        for device, share in DEVICES:
            if count := round(n * share):
                yield PageViewCount(
                    day=day,
                    path=path,
                    channel=channel,
                    source=source,
                    campaign=campaign,
                    device=device,
                    views=count,
                )


def _requests(rng, expected):
    """A whole number of requests that averages `expected`."""
    whole = int(expected)
    return whole + (rng.random() < expected - whole)


def _lead(rng, day, today, page, path):
    """A request sent from `page` on `day`, and when it was sent."""
    _, _, arrival = rng.choices(ARRIVALS, weights=[share for _, share, _ in ARRIVALS])[0]
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    statuses = OLDER_STATUSES if (today - day).days > 7 else RECENT_STATUSES
    status = _weighted(rng, statuses)
    sent = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(8, 21), rng.randint(0, 59)))
    )
    consent = ConsentVersion.objects.current()
    lead = Lead(
        first_name=first,
        last_name=last,
        email=f"{first}.{last}.{rng.randint(10, 99)}@example.com".lower(),
        treatment=page if isinstance(page, TreatmentPage) else None,
        treatment_title=page.title if isinstance(page, TreatmentPage) else "",
        consent_wording=consent,
        consent_text=consent.text,
        consent_version=str(consent.number),
        consented_at=sent,
        source_page=path,
        # A direct visit records no landing (leads.landing); any other arrival lands on the page.
        landing_page=path + arrival.get("landing", "") if arrival else "",
        referrer=arrival.get("referrer", ""),
        utm_source=arrival.get("utm_source", ""),
        utm_medium=arrival.get("utm_medium", ""),
        utm_campaign=arrival.get("utm_campaign", ""),
        device=_weighted(rng, DEVICES),
        status=status,
        lost_reason="Chose another clinic" if status == "lost" else "",
        first_contacted_at=sent + datetime.timedelta(hours=3) if status not in ("new", "lost") else None,
        # Demo requests are never emailed to the practice.
        notification_state=Lead.NotificationState.NOT_NEEDED,
    )
    lead.name_arrival()
    return lead, sent


def _save(leads):
    Lead.objects.bulk_create(lead for lead, _ in leads)
    # created_at is stamped on insert; the demo's requests were sent over the month.
    for lead, sent in leads:
        Lead.objects.filter(pk=lead.pk).update(created_at=sent, updated_at=sent)
