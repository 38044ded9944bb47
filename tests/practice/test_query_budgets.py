import pytest

from practice.models import HomePageFeaturedItem
from tests.budgets import render_queries
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


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
