"""The render memo is bounded and least-recently-used: the pages people read stay warm however many
others a crawler reads once (issue 21)."""

import pytest
from django.test import RequestFactory

from practice.cache import purge_page_cache
from practice.memo import memo_state, memoised
from tests.budgets import uncached_queries
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


def test_a_value_read_often_stays_while_a_thousand_others_are_read_once(settings):
    settings.PRACTICE_MEMO_ENTRIES = 100
    purge_page_cache()  # a new generation: a memo of the size set above
    request = RequestFactory().get("/")
    builds = []

    def build(name):
        builds.append(name)
        return f"<p>{name}</p>"

    # A crawler has already filled the memo before anyone reads the popular page.
    for number in range(100):
        memoised(request, f"crawled:{number}", lambda number=number: build(f"crawled:{number}"))
    for number in range(1000):
        memoised(request, f"other:{number}", lambda number=number: build(f"other:{number}"))
        if number % 10 == 0:
            assert memoised(request, "popular", lambda: build("popular")) == "<p>popular</p>"

    assert builds.count("popular") == 1
    state = memo_state()
    assert state["entries"] == 100
    assert state["evictions"] == 1100 + 1 - 100
    assert state["hits"] == 99 and state["misses"] == 1101


def test_nothing_is_kept_for_none_so_unknown_paths_cannot_fill_the_memo(settings):
    settings.PRACTICE_MEMO_ENTRIES = 10
    purge_page_cache()
    request = RequestFactory().get("/")
    for number in range(50):
        assert memoised(request, f"missing:{number}", lambda: None) is None
    assert memo_state()["entries"] == 0


def test_a_treatment_page_read_often_renders_warm_after_a_crawl_of_many(client, treatment_index, settings):
    popular = TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening")
    others = [TreatmentPageFactory(parent=treatment_index, title=f"Treatment {n}") for n in range(30)]
    settings.PRACTICE_MEMO_ENTRIES = 32  # a few pages' worth, as 2,000 is for a site of hundreds
    purge_page_cache()
    for page in others:  # the crawler comes first and fills the memo
        uncached_queries(client, page.url)
    for number, page in enumerate(others):
        uncached_queries(client, page.url)
        if number % 3 == 0:
            uncached_queries(client, popular.url)

    assert uncached_queries(client, popular.url) == []
    # The bound held: the first pages the crawler read were dropped and render cold again.
    assert len(uncached_queries(client, others[0].url)) > 0
    assert memo_state()["entries"] <= 32


def test_health_details_show_the_memo(client):
    details = client.get("/healthz").json()
    assert set(details["memo"]) >= {"entries", "max_entries", "hit_rate", "evictions"}
