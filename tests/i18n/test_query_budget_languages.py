"""A page in another language costs what an English one does: its first render within the page
budget, and once the memos hold its language's root, menu and alternates, what a warm English
render costs."""

import pytest

from practice.cache import purge_page_cache
from tests.budgets import PAGE_QUERY_BUDGET, uncached_queries

pytestmark = pytest.mark.django_db


def first_and_warm(client, path):
    purge_page_cache()
    return uncached_queries(client, path), uncached_queries(client, path)


def test_a_spanish_page_renders_within_the_budget_and_warm_as_an_english_one(client, sobre):
    english_first, english_warm = first_and_warm(client, "/about/")
    spanish_first, spanish_warm = first_and_warm(client, "/es/about/")

    assert len(spanish_first) <= PAGE_QUERY_BUDGET, spanish_first
    assert len(spanish_warm) == len(english_warm), spanish_warm


def test_an_untranslated_page_shown_under_spanish_renders_warm_as_in_english(client, about, spanish_home):
    english_first, english_warm = first_and_warm(client, "/about/")
    spanish_first, spanish_warm = first_and_warm(client, "/es/about/")

    assert len(spanish_first) <= PAGE_QUERY_BUDGET, spanish_first
    assert len(spanish_warm) == len(english_warm), spanish_warm
