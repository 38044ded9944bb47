"""From visits to the report: views sent through the page cache by people and by robots, written by
the flush, show in the conversion report and its download as exactly the people's."""

import pytest
from django.utils import timezone

from analytics.tally import flush_page_views
from practice.cache import purge_page_cache
from tests.analytics.counting_fixtures import visit
from tests.factories import StandardPageFactory
from tests.frontdesk.test_conversion_report import downloaded_csv
from tests.page_cache_client import PageCacheClient

pytestmark = pytest.mark.django_db

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def test_the_report_shows_exactly_the_peoples_views_after_the_flush(client, home, practice, front_desk):
    purge_page_cache()
    StandardPageFactory(parent=home, title="About us", slug="about")
    visitors = PageCacheClient()
    answers = [visit(visitors, "/about/") for _ in range(3)]  # a miss, then hits before Django
    visit(visitors, "/about/", user_agent=GOOGLEBOT)
    visit(visitors, "/about/", user_agent=GOOGLEBOT)
    visit(visitors, "/about/", HTTP_SEC_PURPOSE="prefetch")
    visit(visitors, "/about/", method="head")
    assert [answer["X-Cache"] for answer in answers] == ["miss", "hit", "hit"]

    client.force_login(front_desk)
    today = timezone.localdate().isoformat()
    before_the_flush = downloaded_csv(client, {"start": today, "end": today})
    flush_page_views()
    rows = downloaded_csv(client, {"start": today, "end": today})

    assert all(row[0] != "/about/" for row in before_the_flush[1:])  # counts wait in memory until then
    assert ["/about/", "3"] in [row[:2] for row in rows[1:]]
