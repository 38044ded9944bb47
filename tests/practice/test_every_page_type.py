"""Every page type of the demo practice: stored by the page cache, and within its query budget."""

import pytest
from django.test import Client

from tests.budgets import PAGE_QUERY_BUDGET, render_queries
from tests.page_cache_client import PageCacheClient
from tests.public_pages import demo_url, page_types

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture(params=["WSGI layer", "middleware"])
def cache_client(request):
    """Through the WSGI layer in front of Django (production), and through Django's handler alone."""
    return PageCacheClient() if request.param == "WSGI layer" else Client()


@pytest.mark.parametrize("page_type", page_types(), ids=lambda model: model._meta.label)
def test_every_page_type_is_cacheable_and_carries_no_cookie_or_csrf_token(cache_client, page_type):
    """A {% csrf_token %}, a session or a `Vary: Cookie` on a public page would defeat the cache
    and break forms served from it; this catches one as soon as a page type gains it."""
    url = demo_url(page_type)
    if url is None:
        pytest.skip(f"the demo content has no {page_type.__name__}; add one to load_demo")

    first = cache_client.get(url)
    second = cache_client.get(url)

    assert first.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert not second.cookies
    assert "cookie" not in second.get("Vary", "").lower()
    assert "csrfmiddlewaretoken" not in second.content.decode()


@pytest.mark.parametrize("page_type", page_types(), ids=lambda model: model._meta.label)
def test_every_page_type_renders_within_the_query_budget(client, page_type):
    url = demo_url(page_type)
    if url is None:
        pytest.skip(f"the demo content has no {page_type.__name__}; add one to load_demo")

    queries = render_queries(client, url)

    assert len(queries) <= PAGE_QUERY_BUDGET, f"{len(queries)} queries:\n{queries}"
