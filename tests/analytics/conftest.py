"""A small practice whose conversion figures were worked out by hand (docs/analytics.md explains them).

Two weeks, 2 to 15 November 2026. Views: the laser page 75 (60 from a Google ad of the "spring"
campaign on phones, 15 from within the site), the peels page 40 (Google search), the home page 80
(direct); plus views outside the period and of a missing page, which no figure counts. Requests: three
from the laser page (a patient, one booked then cancelled, one new), two from the peels page (one
contacted, one erased since), and a spam one and one sent after the period, which no figure counts.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from analytics.conversion import Period, page_path
from leads.models import Lead
from leads.privacy import lead_anonymise
from leads.workflow import lead_change_status
from practice.visitors import Device
from tests.indexing import pages_saved_without_indexing  # noqa: F401 (no test here searches pages)
from tests.leads.conftest import editor, front_desk, manager  # noqa: F401 (fixtures)
from tests.leads.factories import LeadFactory, TreatmentPageFactory

from .factories import PageViewCountFactory

START = datetime.date(2026, 11, 2)
END = datetime.date(2026, 11, 15)


def lead_on(day, **fields):
    """A lead sent at noon on `day`, with no campaign unless given."""
    fields = {"utm_source": "", "utm_campaign": "", "treatment_title": "", **fields}
    if "treatment" in fields:
        fields["treatment_title"] = fields["treatment"].title
    lead = LeadFactory(**fields)
    sent = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    Lead.objects.filter(pk=lead.pk).update(created_at=sent)
    lead.refresh_from_db()
    return lead


@pytest.fixture
def small_practice(home, treatment_index, front_desk):  # noqa: F811 (fixture)
    laser = TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening", slug="laser")
    peels = TreatmentPageFactory(parent=treatment_index, title="Chemical peel", slug="peels")
    paths = SimpleNamespace(laser=page_path(laser), peels=page_path(peels), home=page_path(home))
    day = datetime.date(2026, 11, 3)
    ad = {"channel": "paid", "source": "google", "campaign": "spring"}
    PageViewCountFactory(day=day, path=paths.laser, device=Device.MOBILE, views=60, **ad)
    PageViewCountFactory(day=day, path=paths.laser, views=15)
    PageViewCountFactory(
        day=datetime.date(2026, 11, 10), path=paths.peels, channel="organic", source="google", views=40
    )
    PageViewCountFactory(
        day=datetime.date(2026, 11, 4), path=paths.home, channel="direct", source="direct", views=80
    )
    PageViewCountFactory(day=datetime.date(2026, 11, 20), path=paths.peels, views=500)
    PageViewCountFactory(
        day=day, path="/wp-login.php", not_found=True, channel="direct", source="direct", views=30
    )

    from_ad = {
        "landing_page": f"{paths.laser}?utm_source=google&utm_medium=cpc",
        "utm_source": "google",
        "utm_medium": "cpc",
        "device": Device.MOBILE,
    }
    patient = lead_on(day, source_page=paths.laser, treatment=laser, utm_campaign="spring", **from_ad)
    for status in ("booked", "patient"):
        lead_change_status(lead=patient, to=status, by=front_desk)
    cancelled = lead_on(day, source_page=paths.laser, treatment=laser, **from_ad)
    lead_change_status(lead=cancelled, to="booked", by=front_desk)
    lead_change_status(lead=cancelled, to="lost", by=front_desk, reason="Cancelled")
    lead_on(
        day,
        source_page=paths.laser,
        treatment=laser,
        landing_page=paths.peels,
        referrer="https://www.google.com/",
        device=Device.DESKTOP,
    )
    contacted = lead_on(END, source_page=paths.peels, treatment=peels, device=Device.DESKTOP)
    lead_change_status(lead=contacted, to="contacted", by=front_desk)
    lead_anonymise(lead=lead_on(START, source_page=paths.peels))
    lead_on(day, source_page=paths.laser, status=Lead.Status.SPAM)
    lead_on(datetime.date(2026, 11, 16), source_page=paths.laser)
    return SimpleNamespace(period=Period(START, END), laser=laser, peels=peels, paths=paths)
