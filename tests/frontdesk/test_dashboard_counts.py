"""The dashboard's lead counts (and the Leads menu item's), read from the daily summary for past
days, are those of counting every lead, after every kind of change a lead goes through."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdesk.dashboard import DeskCounts, desk_counts
from frontdesk.models import LeadDay
from frontdesk.summaries import days_to_summarise, summarise
from leads.models import Lead
from leads.workflow import OPEN_STATUSES, lead_change_status, lead_set_follow_up
from staff.models import ClinicMembership
from tests.frontdesk.test_report_summary import arrived, local
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
STATUSES = ["new", "needs_review", "contacted", "booked", "lost", "patient", "spam"]


def counted_live(user):
    """The counts as the dashboard took them before the summary: every lead counted."""
    today = timezone.localdate()
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    leads = Lead.objects.visible_to(user)
    return DeskCounts(
        new=leads.filter(status=Lead.Status.NEW).count(),
        needs_review=leads.filter(status=Lead.Status.NEEDS_REVIEW).count(),
        today=leads.filter(created_at__gte=midnight).exclude(status=Lead.Status.SPAM).count(),
        overdue=leads.filter(follow_up_on__lt=today, status__in=OPEN_STATUSES).count(),
    )


def summarised():
    summarise(days_to_summarise())
    assert not days_to_summarise()


@pytest.fixture
def leads(clinics):
    """Two years of requests at two clinics and none, at every status, with follow-ups due before
    and after today; and today's."""
    today = timezone.localdate()
    made = []
    for index in range(28):
        made.append(
            arrived(
                local(days_ago=index * 27 + 1, hour=index % 24),
                (*clinics, None)[index % 3],
                status=STATUSES[index % len(STATUSES)],
                follow_up_on=today + datetime.timedelta(days=index % 5 - 2),
            )
        )
    for status in STATUSES:
        made.append(LeadFactory(clinic=clinics[0], status=status, follow_up_on=today))
    return made


@pytest.fixture
def marylebone_desk(front_desk, clinics):
    ClinicMembership.objects.create(user=front_desk, clinic=clinics[0])
    return front_desk


def test_the_summarised_counts_are_the_live_ones(leads, manager, marylebone_desk):
    summarised()

    assert LeadDay.objects.filter(day=timezone.localdate(leads[27].created_at)).exists()  # two years ago
    for user in (manager, marylebone_desk):
        assert desk_counts(user) == counted_live(user)
    assert desk_counts(manager) != desk_counts(marylebone_desk)
    assert desk_counts(manager).overdue


def test_past_days_are_read_from_the_summary(leads, manager):
    summarised()
    before = desk_counts(manager)
    # A queryset update sends no signal: the summary keeps its figures until summarised again.
    Lead.objects.filter(pk=leads[2].pk).update(status=Lead.Status.NEW)

    assert desk_counts(manager) == before
    assert counted_live(manager) != before


def test_only_todays_leads_are_counted_live(leads, manager):
    summarised()

    with CaptureQueriesContext(connection) as queries:
        desk_counts(manager)

    counted = [query["sql"] for query in queries if 'FROM "leads_lead"' in query["sql"]]
    assert len(counted) == 1
    where = counted[0].split(" WHERE ")[-1]
    assert where.count('"leads_lead"."created_at" >=') == 1  # today's range, as an index range


def test_changes_leave_the_counts_right(leads, manager, front_desk):
    summarised()

    lead_change_status(lead=leads[0], to="contacted", by=front_desk)  # a new one, answered
    lead_set_follow_up(lead=leads[3], on=timezone.localdate() - datetime.timedelta(days=9), by=front_desk)
    leads[7].delete()
    lead = leads[8]
    lead.status = Lead.Status.SPAM
    lead.save()
    arrived(local(days_ago=0, hour=0), status=Lead.Status.NEEDS_REVIEW)

    assert desk_counts(manager) == counted_live(manager)
    summarised()
    assert desk_counts(manager) == counted_live(manager)


def test_every_lead_is_counted_before_anything_is_summarised(leads, manager, marylebone_desk):
    for user in (manager, marylebone_desk):
        assert desk_counts(user) == counted_live(user)


def test_the_panel_and_the_menu_show_the_counts(client, leads, marylebone_desk):
    summarised()
    client.force_login(marylebone_desk)
    counts = counted_live(marylebone_desk)

    with CaptureQueriesContext(connection) as queries:
        home = client.get(reverse("wagtailadmin_home")).content.decode()

    # The menu item, on every admin page, adds up the waiting requests' rows only.
    summed = [query["sql"] for query in queries if "frontdesk_openleads" in query["sql"]]
    assert len(summed) == 2
    assert sum("follow_up_on" in sql for sql in summed) == 1
    assert f"Leads ({counts.new + counts.needs_review} new)" in home
    assert f"<strong>{counts.new}</strong> new, waiting" in home
    assert f"<strong>{counts.today}</strong> received today" in home
    assert f"<strong>{counts.overdue}</strong> follow-ups overdue" in home
