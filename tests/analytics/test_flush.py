"""Counted views reach the table in batches: no database write per request, writes that add up,
nothing lost when the database fails for a while, memory bounded, and a writer on a schedule."""

import datetime
import logging
import threading
import time

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from analytics import tally
from analytics.counting import PageView
from analytics.models import PageViewCount
from analytics.tally import flush_page_views, last_write
from tests.analytics.counting_fixtures import counted, visit
from tests.factories import StandardPageFactory
from tests.page_cache_client import PageCacheClient

pytestmark = pytest.mark.django_db

ABOUT = ("/about/", False, "direct", "direct", "", "desktop")


@pytest.fixture
def about(home, practice):
    StandardPageFactory(parent=home, title="About us", slug="about")
    return "/about/"


def a_view(path="/about/", day="2026-11-30"):
    return PageView(day, path, False, "direct", "direct", "", "desktop")


def test_requests_write_nothing_to_the_database_until_the_flush(about):
    client = PageCacheClient()
    table = PageViewCount._meta.db_table

    with CaptureQueriesContext(connection) as queries:
        for _ in range(4):  # a miss, then hits
            visit(client, about)

    assert not [query for query in queries if table in query["sql"]]
    assert not PageViewCount.objects.exists()
    assert counted() == {ABOUT: 4}


def test_writes_add_to_the_days_count_and_say_how_many_views_they_wrote(about):
    client = PageCacheClient()
    for _ in range(3):
        visit(client, about)
    assert flush_page_views() == 3

    for _ in range(2):
        visit(client, about)

    assert flush_page_views() == 2
    assert flush_page_views() == 0  # nothing new
    assert counted() == {ABOUT: 5}
    assert PageViewCount.objects.get().day == timezone.localdate()


def test_a_write_the_database_refuses_is_kept_for_the_next(monkeypatch, caplog):
    real_write = tally.write

    def refuse(counts):
        raise DatabaseError("the database is restarting")

    tally.add(a_view())
    monkeypatch.setattr(tally, "write", refuse)
    with caplog.at_level(logging.ERROR, logger="analytics.tally"):
        assert flush_page_views() == 0
    tally.add(a_view())
    monkeypatch.setattr(tally, "write", real_write)

    assert flush_page_views() == 2
    assert "kept for the next write" in caplog.text
    assert PageViewCount.objects.get().views == 2


def test_groups_beyond_the_limit_are_dropped_and_logged(monkeypatch, caplog):
    monkeypatch.setattr(tally, "MAX_GROUPS", 2)
    for path in ("/a/", "/b/", "/c/", "/d/", "/a/"):
        tally.add(a_view(path))

    with caplog.at_level(logging.WARNING, logger="analytics.tally"):
        assert flush_page_views() == 3

    assert dict(PageViewCount.objects.values_list("path", "views")) == {"/a/": 2, "/b/": 1}
    assert "2 page views not counted" in caplog.text


def test_each_day_is_its_own_row():
    tally.add(a_view(day="2026-11-30"))
    tally.add(a_view(day="2026-12-01"))
    tally.add(a_view(day="2026-12-01"))

    flush_page_views()

    assert dict(PageViewCount.objects.values_list("day", "views")) == {
        datetime.date(2026, 11, 30): 1,
        datetime.date(2026, 12, 1): 2,
    }


@pytest.mark.django_db(transaction=True)
def test_a_writer_thread_writes_every_few_seconds_and_stops_at_the_last_write(monkeypatch, settings):
    """The thread writes through a database connection of its own, so this test commits."""
    settings.ANALYTICS_FLUSH_SECONDS = 1
    monkeypatch.setattr(tally, "_writer", None)
    monkeypatch.setattr(tally, "_stop", threading.Event())
    tally.add(a_view())
    writer = tally._writer

    deadline = time.monotonic() + 10
    while not PageViewCount.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    tally.add(a_view())
    last_write()

    assert PageViewCount.objects.get().views == 2
    assert not writer.is_alive()
