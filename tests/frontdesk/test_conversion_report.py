"""The conversion report in the admin: the hand-checked figures, its downloads and the command agree,
and only the front desk and admins may open it."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.analytics.conftest import END, START, lead_on
from tests.analytics.factories import PageViewCountFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("conversion_report:report")
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}


def csv_rows(content):
    return list(csv.reader(io.StringIO(content)))


def names_in(html):
    """The first cell of each row of the report's table."""
    return re.findall(r"<tr>\s*<td >\s*(\S+)\s*</td>", html)


def downloaded(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def downloaded_csv(client, params):
    return csv_rows(downloaded(client.get(REPORT, {**params, "export": "csv"})).decode())


def test_front_desk_sees_the_figures_worked_out_by_hand(client, front_desk, small_practice):
    client.force_login(front_desk)

    html = client.get(REPORT, {**PERIOD, "by": "source"}).content.decode()

    # Sources are compared with the views visitors arrived by: 15 views from within the site are not.
    assert "<strong>180</strong> views, <strong>5</strong> consultation requests" in html
    assert "google (Paid ads)" in html and "google (Search engine)" in html
    assert html.count("<svg aria-hidden") >= 3 * 6  # a bar beside every figure of every row
    assert 'id="chart-requests-title"' in html


def test_the_csv_and_xlsx_downloads_hold_the_table(client, front_desk, small_practice):
    client.force_login(front_desk)
    paths = small_practice.paths

    rows = downloaded_csv(client, PERIOD)
    workbook = load_workbook(io.BytesIO(downloaded(client.get(REPORT, {**PERIOD, "export": "xlsx"}))))

    assert rows == [
        [
            "Page",
            "Views",
            "Requests",
            "Requests that landed here",
            "Conversion (%)",
            "Contacted",
            "Booked",
            "Became patients",
        ],
        [paths.laser, "75", "3", "2", "4.0", "2", "2", "1"],
        [paths.peels, "40", "2", "1", "5.0", "1", "0", "0"],
        [paths.home, "80", "0", "0", "0.0", "0", "0", "0"],
    ]
    sheet = list(workbook.active.iter_rows(values_only=True))
    assert sheet[0] == tuple(rows[0])
    assert sheet[1:] == [
        (paths.laser, 75, 3, 2, 4.0, 2, 2, 1),
        (paths.peels, 40, 2, 1, 5.0, 1, 0, 0),
        (paths.home, 80, 0, 0, 0.0, 0, 0, 0),
    ]


def test_sorting_a_column_sorts_the_table_and_its_download(client, front_desk, small_practice):
    client.force_login(front_desk)
    paths = small_practice.paths

    html = client.get(REPORT, {**PERIOD, "ordering": "-views"}).content.decode()
    rows = downloaded_csv(client, {**PERIOD, "ordering": "-views"})

    assert names_in(html) == [row[0] for row in rows[1:]] == [paths.home, paths.laser, paths.peels]


def test_a_campaign_named_like_a_formula_is_shown_as_typed_in_the_csv(client, front_desk, small_practice):
    client.force_login(front_desk)
    lead_on(START, source_page="/", utm_campaign='=HYPERLINK("http://evil")')

    rows = downloaded_csv(client, {**PERIOD, "by": "campaign"})

    assert ['\'=HYPERLINK("http://evil")', "0", "1", "", "0", "0", "0"] in rows


def test_the_command_prints_what_the_report_downloads(client, front_desk, small_practice):
    client.force_login(front_desk)
    today = timezone.localdate()
    last_45_days = {"start": (today - datetime.timedelta(days=44)).isoformat(), "end": today.isoformat()}
    out = io.StringIO()

    call_command("conversion_report", "--days", "45", "--by", "treatment", stdout=out)
    report = downloaded_csv(client, {**last_45_days, "by": "treatment"})

    assert csv_rows(out.getvalue()) == report
    assert len(report) == 4


def test_the_command_refuses_a_period_of_no_days():
    with pytest.raises(CommandError, match="at least one day"):
        call_command("conversion_report", "--days", "0")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-11-15", "end": "2026-11-02"}, "The period must start on or before the day it ends."),
        ({"start": "2026-13-45"}, "From: Enter a valid date."),
        ({"start": "2020-01-01", "end": "2026-11-02"}, "Choose a period of at most 400 days."),
    ],
)
def test_a_bad_period_gives_a_clear_error_and_no_figures(client, front_desk, small_practice, params, message):
    client.force_login(front_desk)

    response = client.get(REPORT, params)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Correct the period above" in html
    assert "data-conversion-summary" not in html


def test_an_unknown_grouping_or_ordering_is_refused_or_ignored(client, front_desk, small_practice):
    client.force_login(front_desk)

    assert "Select a valid choice" in client.get(REPORT, {"by": "password"}).content.decode()
    assert client.get(REPORT, {**PERIOD, "ordering": "email"}).status_code == 200


def test_editors_cannot_open_the_report_or_its_downloads(client, editor, small_practice):
    client.force_login(editor)

    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(REPORT, params)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/login/" not in response["Location"]
    assert "conversion-summary" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_dashboard_shows_this_months_top_pages_to_the_front_desk(client, front_desk, small_practice):
    client.force_login(front_desk)
    lead_on(timezone.localdate(), source_page=small_practice.paths.peels)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "conversion-summary" in html
    assert f"{small_practice.paths.peels}: <strong>1</strong> request from 0 views" in html
    assert "No page has enough views yet this month" in html


def test_the_report_takes_as_many_queries_for_thirty_pages_as_for_three(client, front_desk, small_practice):
    client.force_login(front_desk)
    client.get(REPORT, PERIOD)  # the session and the admin's menus are loaded once
    with CaptureQueriesContext(connection) as three_pages:
        client.get(REPORT, PERIOD)
    for number in range(27):
        PageViewCountFactory(day=START, path=f"/articles/{number}/", views=10)
        lead_on(START, source_page=f"/articles/{number}/", landing_page=f"/articles/{number}/?utm_source=x")

    with CaptureQueriesContext(connection) as thirty_pages:
        html = client.get(REPORT, PERIOD).content.decode()

    assert len(names_in(html)) == 30
    assert len(thirty_pages) == len(three_pages)


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"end": "2026-11-15"}, "From 17 Oct 2026 to 15 Nov 2026"),
        ({"start": "2026-11-02"}, "From 2 Nov 2026 to "),
    ],
)
def test_half_a_period_is_completed_sensibly(client, front_desk, small_practice, params, shown):
    client.force_login(front_desk)

    assert shown in client.get(REPORT, params).content.decode()
