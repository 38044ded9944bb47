"""The lead report read from the daily summary the worker keeps has the same numbers as the report
counted from the leads, after every kind of change a lead goes through."""

import datetime
import statistics

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.models import Appointment, ConsultationAvailability
from frontdesk import summaries
from frontdesk.models import LeadDay
from frontdesk.reports import build_report
from frontdesk.summaries import bucket, days_to_summarise, median, summarise
from frontdesk.tasks import summaries_sweep, summarise_lead_days
from leads.models import Lead
from leads.privacy import erase_person
from leads.workflow import lead_change_status
from staff.models import ClinicMembership
from tests.appointments.factories import AppointmentFactory, ConsultationAvailabilityFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def local(days_ago, hour=10, minute=0):
    """A moment `days_ago` days before today, at this local time of day."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def arrived(at, clinic=None, **fields):
    lead = LeadFactory(clinic=clinic, **fields)
    Lead.objects.filter(pk=lead.pk).update(created_at=at)
    lead.refresh_from_db()
    return lead


def booked(lead, after, state=Appointment.State.BOOKED):
    appointment = AppointmentFactory(
        lead=lead,
        availability=ConsultationAvailability.objects.filter(clinic=lead.clinic).first()
        or ConsultationAvailabilityFactory(clinic=lead.clinic),
        starts_at=timezone.now() + 100 * HOUR,
        state=state,
    )
    Appointment.objects.filter(pk=appointment.pk).update(created_at=lead.created_at + after)
    return appointment


def counted_live(**options):
    """The report with every day counted from the leads, as if nothing were summarised."""
    with transaction.atomic():
        LeadDay.objects.all().delete()
        report = build_report(**options)
        transaction.set_rollback(True)
    return report


def summarised(**options):
    """The report once the worker has summarised every day before today."""
    summarise(days_to_summarise())
    assert not days_to_summarise()
    return build_report(**options)


@pytest.fixture
def leads(clinics, front_desk):
    """A few weeks of requests at two clinics and none, answered, booked and ended in every way."""
    marylebone, richmond = clinics
    made = []
    for index in range(24):
        clinic = (marylebone, richmond, None)[index % 3]
        lead = arrived(
            local(days_ago=index * 3, hour=8 + index % 12),
            clinic,
            treatment_title=("Chemical peel", "Dermal fillers", "")[index % 3],
            utm_source=("google", "instagram", "")[index % 2],
        )
        if index % 4:
            lead_change_status(lead=lead, to="contacted", by=front_desk)
            answered = datetime.timedelta(minutes=index * 37, seconds=index * 7)
            Lead.objects.filter(pk=lead.pk).update(first_contacted_at=lead.created_at + answered)
        if index % 5 == 0 and clinic:
            booked(
                lead,
                (index + 1) * HOUR,
                state=(Appointment.State.CANCELLED, Appointment.State.BOOKED)[index % 2],
            )
        made.append(lead)
    arrived(local(days_ago=4), marylebone, status=Lead.Status.SPAM)
    made.append(LeadFactory(clinic=richmond))  # today's, read live
    return made


@pytest.mark.parametrize("weeks", [12, 52])
def test_the_summarised_report_has_the_live_numbers(leads, weeks):
    report = summarised(weeks=weeks)

    assert report == counted_live(weeks=weeks)
    assert (
        report.total
        == Lead.objects.requests().filter(created_at__gte=summaries.day_start(report.start)).count()
    )
    assert len(report.by_clinic) == 3


def test_the_report_reads_the_summary_for_past_days(leads):
    before = summarised(weeks=12)
    # A queryset update sends no signal: the summary keeps its figures until summarised again.
    Lead.objects.filter(pk=leads[3].pk).update(status=Lead.Status.PATIENT)

    assert build_report(weeks=12) == before
    assert counted_live(weeks=12) != before


def test_a_status_change_leaves_the_numbers_right(leads, front_desk):
    summarised()
    lead = leads[4]

    lead_change_status(lead=lead, to="booked", by=front_desk)

    assert LeadDay.objects.get(day=timezone.localdate(lead.created_at)).stale
    assert build_report() == counted_live()
    assert summarised() == counted_live()


def test_erasing_and_deleting_leave_the_numbers_right(leads, manager):
    before = summarised(weeks=12)

    erase_person(email=leads[5].email, lead_ids=[leads[5].pk], by=manager)
    assert build_report(weeks=12) == before  # erasure keeps every figure
    leads[6].delete()

    assert build_report(weeks=12) == counted_live(weeks=12)
    assert build_report(weeks=12).total == before.total - 1
    assert summarised(weeks=12) == counted_live(weeks=12)


def test_a_clinic_move_leaves_the_numbers_right(leads, clinics):
    before = dict(summarised().by_clinic)
    lead = leads[3]  # Marylebone's
    lead.clinic = clinics[1]
    lead.save()

    after = dict(build_report().by_clinic)

    assert after["Marylebone"].total == before["Marylebone"].total - 1
    assert after["Richmond"].total == before["Richmond"].total + 1
    assert build_report() == counted_live()
    assert summarised() == counted_live()


def test_a_new_consultation_leaves_the_numbers_right(leads):
    summarised()

    booked(leads[1], 5 * HOUR, state=Appointment.State.DID_NOT_ATTEND)

    report = build_report()
    assert report == counted_live()
    assert report.did_not_attend == 1


def test_each_day_is_the_practices_day(settings, clinics):
    # Auckland is 13 hours ahead in December: both leads arrive on the same day in UTC.
    settings.TIME_ZONE = "Pacific/Auckland"
    midnight = local(days_ago=1, hour=0)
    arrived(midnight - datetime.timedelta(minutes=30))
    arrived(midnight + datetime.timedelta(minutes=30))

    report = summarised(weeks=4)

    days = dict(LeadDay.objects.values_list("day", "clinics"))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert days[yesterday][""]["received"] == 1
    assert days[yesterday - datetime.timedelta(days=1)][""]["received"] == 1
    assert report == counted_live(weeks=4)


def test_staff_see_the_figures_of_their_clinics_only(leads, clinics, front_desk):
    ClinicMembership.objects.create(user=front_desk, clinic=clinics[0])

    report = summarised(user=front_desk)

    assert report == counted_live(user=front_desk)
    assert [name for name, _ in report.by_clinic] == ["Marylebone", "No clinic"]
    visible = Lead.objects.requests().visible_to(front_desk)
    assert report.total == visible.filter(created_at__gte=summaries.day_start(report.start)).count()


def test_a_day_changed_while_being_summarised_stays_stale(leads, monkeypatch):
    lead = leads[3]
    counted = summaries.live_tallies

    def counted_while_the_lead_changes(rows):
        tallies = counted(rows)
        Lead.objects.get(pk=lead.pk).save()
        return tallies

    monkeypatch.setattr(summaries, "live_tallies", counted_while_the_lead_changes)
    summarise([timezone.localdate(lead.created_at)])

    assert LeadDay.objects.get().stale


def test_a_day_without_requests_changed_while_being_summarised_stays_stale(leads, monkeypatch):
    spam = Lead.objects.get(status=Lead.Status.SPAM)  # not a request: its day has none to count
    counted = summaries.open_lead_counts

    def counted_while_the_spam_changes(requests):
        rows = list(counted(requests))
        spam.save()
        return rows

    monkeypatch.setattr(summaries, "open_lead_counts", counted_while_the_spam_changes)
    spam_day = timezone.localdate(spam.created_at)
    summarise([spam_day, spam_day - datetime.timedelta(days=1)])

    assert dict(LeadDay.objects.values_list("day", "stale")) == {
        spam_day: True,
        spam_day - datetime.timedelta(days=1): False,
    }


def test_the_sweeper_queues_one_summary_and_the_worker_writes_it(leads):
    assert summaries_sweep(limit=100) == 1
    assert summaries_sweep(limit=100) == 0  # one is waiting

    summarise_lead_days.call()

    assert not days_to_summarise()
    assert summaries_sweep(limit=100) == 0


def test_the_sweeper_queues_nothing_while_only_today_has_leads():
    LeadFactory()

    assert summaries_sweep(limit=100) == 0


def test_a_new_lead_costs_no_summary_query(leads):
    summarised()

    with CaptureQueriesContext(connection) as queries:
        LeadFactory()

    assert not [query for query in queries if "frontdesk_leadday" in query["sql"]]


@pytest.mark.parametrize(
    "minutes, first_minute",
    [
        (0.5, 0),
        (59.9, 59),
        (127, 125),
        (7 * 60 + 14, 7 * 60),
        (30 * 60 + 59, 30 * 60),
        (9 * 24 * 60 + 70, 9 * 24 * 60),
    ],
)
def test_a_duration_falls_in_a_bucket_as_wide_as_its_precision(minutes, first_minute):
    assert bucket(datetime.timedelta(minutes=minutes)) == first_minute


def test_the_median_of_buckets_is_the_median_to_their_precision():
    durations = [datetime.timedelta(minutes=m) for m in (3, 14, 14, 90, 133, 400, 2000, 2000)]
    buckets = {}
    for duration in durations:
        buckets[bucket(duration)] = buckets.get(bucket(duration), 0) + 1

    assert median(buckets) == datetime.timedelta(minutes=(90 + 130) / 2)
    assert statistics.median(durations) - median(buckets) < datetime.timedelta(minutes=5)
    assert median({}) is None
