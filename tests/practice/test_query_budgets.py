import pytest

from practice.models import HomePageFeaturedItem
from tests.budgets import PAGE_QUERY_BUDGET, render_queries
from tests.factories import StandardPageFactory
from tests.public_pages import demo_url, load_demo, page_types

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_type", page_types(), ids=lambda model: model._meta.label)
def test_every_page_type_renders_within_the_query_budget(client, page_type):
    load_demo()
    url = demo_url(page_type)
    if url is None:
        pytest.skip(f"the demo content has no {page_type.__name__}; add one to load_demo")

    queries = render_queries(client, url)

    assert len(queries) <= PAGE_QUERY_BUDGET, f"{len(queries)} queries:\n{queries}"


def add_menu_pages_and_features(home, count):
    for _ in range(count):
        page = StandardPageFactory(parent=home, show_in_menus=True)
        HomePageFeaturedItem.objects.create(page=home, linked_page=page)


def test_home_page_queries_do_not_grow_with_menu_items_or_featured_pages(client, home, practice):
    add_menu_pages_and_features(home, 1)
    with_one = render_queries(client, "/")

    add_menu_pages_and_features(home, 6)
    with_seven = render_queries(client, "/")

    assert len(with_seven) == len(with_one), f"{len(with_one)} then {len(with_seven)}:\n{with_seven}"
