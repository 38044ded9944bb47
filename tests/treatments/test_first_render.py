"""The demo's laser skin tightening page, the page issue 17 measures (two clinics with prices and
consultation times, a gallery, related pages, practitioners): its first render after a publish,
with every memo cold, stays within a pinned number of queries."""

import pytest
from django.test import override_settings

from practice.cache import purge_page_cache
from tests.budgets import render_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

LASER_PAGE = "/treatments/laser-skin-tightening/"
# Site, home's children (routing and menu), the page, its body images, its relations, renditions,
# practice details, clinics offering it, gallery items and their renditions, the form's clinics
# (with what each offers) and its treatment list.
DEMO_FIRST_RENDER_QUERIES = 12


def test_the_demo_treatment_page_renders_first_after_a_publish_within_its_pinned_queries(
    client, django_assert_max_num_queries
):
    render_queries(client, LASER_PAGE)  # renditions are made once, on the first view ever
    purge_page_cache()

    with override_settings(PAGE_CACHE_SECONDS=0), django_assert_max_num_queries(DEMO_FIRST_RENDER_QUERIES):
        response = client.get(LASER_PAGE)

    assert response.status_code == 200
    assert b"Related treatments" in response.content
    assert b'name="preferred_times"' in response.content
