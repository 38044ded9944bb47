"""What a treatment page weighs, uncompressed, as a patient's browser receives it: the demo's laser
skin tightening page, and the same page once the practice lists 150 treatments more.

Most of the weight is the embedded consultation form: the treatments of the page's category in its
list (every treatment is on the consultation page) and two days of free consultation times at each
clinic. The times change with the clock, so the pages are weighed in the busiest week the demo
has: on a Monday evening, with every time of the days offered still free at both clinics.
"""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale

from bench.large_site import grow
from practice.cache import purge_page_cache
from practice.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

LASER = "/treatments/laser-skin-tightening/"
# Issue 21: a treatment page under 40 KB uncompressed.
UNDER = 40_000
# Budgets in bytes, about 1% above what the pages weighed when they were set (38,586 and 39,473, the
# consultation form drawn without ids and classes nothing reads; 39,350 and 40,238 before, 42,371
# and 43,594 before the templates' indentation went, 52,319 and 63,107 before the embedded form
# listed one category and two days of times, and the pictures three formats): they catch a page
# growing. Each step is in docs/performance.md ("Page weight at ten times the demo").
DEMO_BUDGET = 38_975
WITH_150_TREATMENTS_BUDGET = 39_875


@pytest.fixture
def busiest_week(monkeypatch):
    """The clock on next Monday evening: every time of the week's days free."""
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    evening = datetime.datetime.combine(monday, datetime.time(20), tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: evening)
    cache.clear()  # the offers read at the real time


def laser_page_bytes(client):
    response = client.get(LASER)
    assert response.status_code == 200
    html = response.content.decode()
    # Weighed with what makes it heavy: both clinics' times.
    assert html.count('name="preferred_times"') >= 50
    return len(response.content), html.count("<option")


@pytest.mark.usefixtures("busiest_week")
def test_the_demo_laser_page_keeps_to_its_budget(client):
    size, options = laser_page_bytes(client)

    # "Not sure yet", the laser's category (two of the demo's five treatments), "Another treatment",
    # the best times to call.
    assert options == 1 + 2 + 1 + 4
    assert size <= DEMO_BUDGET
    assert size < UNDER


@pytest.mark.usefixtures("busiest_week")
def test_with_150_treatments_more_the_laser_page_keeps_to_its_budget(client):
    grow(HomePage.objects.get(locale=Locale.get_default()), treatments=150, articles=0)
    purge_page_cache()  # added in bulk, without the publish signals that refresh the memos

    size, options = laser_page_bytes(client)

    assert options == 1 + 15 + 1 + 4  # its category has 13 of the 150
    assert size <= WITH_150_TREATMENTS_BUDGET
    assert size < UNDER
