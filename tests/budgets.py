"""Query budgets: how many SQL queries rendering a page may cost, checked without the page cache.

    from tests.budgets import PAGE_QUERY_BUDGET, render_queries

    queries = render_queries(client, page.url)
    assert len(queries) <= PAGE_QUERY_BUDGET, queries

A budget that holds "whatever the number of items" is proved by rendering with one item and with
many and asserting the counts are equal (see tests/practice/test_query_budgets.py).
"""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

# Issue 6: an uncached treatment page in at most 10 queries; every public page type is held to it.
PAGE_QUERY_BUDGET = 10
# The first render after a publish also fills the per-process memos (routing, menu, settings, the
# page's memoised parts): a treatment page with every kind of content pays this once per process.
# Issue 17 asks for 10. A treatment's related treatments, articles and practitioners come in one
# query and the consent wording blank forms show is kept in the shared cache until a version is
# added: the test page, with body images and gallery photos too, takes 10.
# Clinics (issue 18) add two on a site with a clinics index (the clinics offering the treatment
# with their prices; the form's live clinics with what each offers, one query). The test page has
# no clinics; tests/clinics/test_query_budget.py holds those queries, and
# tests/treatments/test_first_render.py the demo laser page's.
FIRST_RENDER_QUERY_BUDGET = 10


class Queries(list):
    """The SQL of each query, printed one per line when an assertion shows it."""

    def __str__(self):
        return "\n".join(f"{number}. {sql}" for number, sql in enumerate(self, 1))


def uncached_queries(client, url):
    """The queries of one anonymous GET of `url` that the page cache does not answer."""
    with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return Queries(query["sql"] for query in captured.captured_queries)


def first_render_queries(client, url):
    """The queries of the first uncached GET of `url` after a publish: every memo starts cold."""
    from practice.cache import purge_page_cache

    purge_page_cache()
    return uncached_queries(client, url)


def render_queries(client, url):
    """The queries an anonymous, uncached GET of `url` runs, once per-process memos are warm."""
    uncached_queries(client, url)
    return uncached_queries(client, url)
