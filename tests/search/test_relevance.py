"""Site search at a thousand pages: the page about what patients typed comes first."""

import pytest
from wagtail.models import Locale

from bench.large_site import grow
from practice.models import HomePage
from tests.module_scope import kept_for_the_module


@pytest.fixture(scope="module")
def large_site(demo_site, django_db_blocker):
    """The demo practice grown by 150 treatments and 850 articles: a third of them mention lasers,
    many are about skin tightening, and a demo article's title holds both words."""
    with kept_for_the_module(django_db_blocker):
        grow(HomePage.objects.get(locale=Locale.get_default()), treatments=150, articles=850)
        yield


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("large_site")]


def result_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]]


def test_laser_tightening_finds_the_treatment_page_before_the_article_about_it(client):
    titles = result_titles(client, "laser tightening")

    assert titles[:2] == ["Laser skin tightening", "Is laser tightening permanent?"]


def test_a_thousand_pages_are_searched_a_page_of_results_at_a_time(client):
    response = client.get("/search/", {"q": "skin tightening"})

    results = response.context["results"]
    assert results.paginator.count > 100
    assert len(results) == 10
