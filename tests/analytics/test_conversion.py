"""Conversion figures on the small practice of conftest.py, each worked out by hand there."""

import datetime

import pytest

from analytics.conversion import (
    Period,
    PeriodError,
    conversion,
    page_figures,
    requests_by_week,
    top_pages,
    totals,
)

from .conftest import START, lead_on

pytestmark = pytest.mark.django_db


def table(rows):
    return [
        (row.name, row.views, row.requests, row.rate, row.contacted, row.booked, row.patient) for row in rows
    ]


def test_pages_count_views_requests_sent_from_them_and_how_far_those_went(small_practice):
    paths = small_practice.paths

    rows = conversion(small_practice.period, by="page")

    assert table(rows) == [
        (paths.laser, 75, 3, 4.0, 2, 2, 1),
        (paths.peels, 40, 2, 5.0, 1, 0, 0),
        (paths.home, 80, 0, 0.0, 0, 0, 0),
    ]
    assert [row.landing_requests for row in rows] == [2, 1, 0]


def test_sources_compare_requests_with_the_views_visitors_arrived_by(small_practice):
    assert table(conversion(small_practice.period, by="source")) == [
        ("direct (Direct)", 80, 2, 2.5, 1, 0, 0),
        ("google (Paid ads)", 60, 2, 3.3, 2, 2, 1),
        ("google (Search engine)", 40, 1, 2.5, 0, 0, 0),
    ]


def test_campaigns_count_only_tagged_arrivals_and_requests(small_practice):
    assert table(conversion(small_practice.period, by="campaign")) == [("spring", 60, 1, 1.7, 1, 1, 1)]


def test_devices_name_requests_sent_before_devices_were_recorded(small_practice):
    assert table(conversion(small_practice.period, by="device", ordering="name")) == [
        ("Desktop", 135, 2, 1.5, 1, 0, 0),
        ("Not recorded", 0, 1, None, 0, 0, 0),
        ("Phone", 60, 2, 3.3, 2, 2, 1),
    ]


def test_treatments_count_their_page_views_and_the_requests_that_chose_them(small_practice):
    small_practice.laser.title = "Laser tightening"
    small_practice.laser.save_revision().publish()

    assert table(conversion(small_practice.period, by="treatment")) == [
        ("Laser tightening", 75, 3, 4.0, 2, 2, 1),
        ("Chemical peel", 40, 1, 2.5, 1, 0, 0),
        ("Not sure yet", 0, 1, None, 0, 0, 0),
    ]


def test_sorting_by_rate_puts_rows_without_views_last(small_practice):
    rows = conversion(small_practice.period, by="treatment", ordering="rate")

    assert [row.name for row in rows] == ["Chemical peel", "Laser skin tightening", "Not sure yet"]


def test_totals_add_up_the_rows(small_practice):
    total = totals(conversion(small_practice.period, by="page"))

    assert (total.views, total.requests, total.rate, total.contacted, total.booked, total.patient) == (
        195,
        5,
        2.6,
        3,
        2,
        1,
    )


def test_a_table_takes_the_same_few_queries_however_many_rows(small_practice, django_assert_max_num_queries):
    for by in ("page", "source", "campaign", "device"):
        with django_assert_max_num_queries(3):
            conversion(small_practice.period, by=by)


def test_weeks_count_views_and_requests(small_practice):
    assert requests_by_week(small_practice.period) == [
        (datetime.date(2026, 11, 2), 155, 4),
        (datetime.date(2026, 11, 9), 40, 1),
    ]


def test_top_pages_rank_by_requests_and_by_rate_among_pages_seen_enough(small_practice):
    by_requests, by_rate = top_pages(today=datetime.date(2026, 11, 15))

    assert [(row.name, row.requests) for row in by_requests] == [
        (small_practice.paths.laser, 3),
        (small_practice.paths.peels, 2),
    ]
    assert [(row.name, row.rate) for row in by_rate] == [
        (small_practice.paths.peels, 5.0),
        (small_practice.paths.laser, 4.0),
    ]


def test_page_figures_are_one_page_over_the_last_thirty_days(small_practice):
    figures = page_figures(small_practice.laser, today=datetime.date(2026, 11, 15))

    assert (figures.views, figures.requests, figures.landing_requests) == (75, 3, 2)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (datetime.date(2026, 11, 15), datetime.date(2026, 11, 2), "must start on or before"),
        (datetime.date(2024, 1, 1), datetime.date(2026, 11, 2), "at most 400 days"),
    ],
)
def test_a_period_that_cannot_be_shown_says_why(start, end, message):
    with pytest.raises(PeriodError, match=message):
        Period(start, end)


def test_a_period_of_no_days_says_why():
    with pytest.raises(PeriodError, match="at least one day"):
        Period.last(0)


def test_requests_from_before_pages_were_recorded_are_named_so(small_practice):
    lead_on(START, source_page="")

    rows = conversion(small_practice.period, by="page", ordering="name")

    assert table(rows)[-1] == ("Not recorded", 0, 1, None, 0, 0, 0)
