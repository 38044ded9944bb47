"""Site search on the default install: the demo practice as `make run` loads it, each page indexed
as it was published (no `update_index` evening out the titles' weights)."""

import pytest

from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


def result_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]]


@pytest.mark.usefixtures("demo_site")
def test_laser_tightening_finds_the_demo_treatment_before_the_article_about_it(client):
    assert result_titles(client, "laser tightening")[:2] == [
        "Laser skin tightening",
        "Is laser tightening permanent?",
    ]


def test_pages_titled_with_the_words_come_first_and_treatments_first_among_them(
    client, treatment_index, article_index, practice
):
    # The article says "peel" far more often than either title: its body alone would win.
    ArticlePageFactory(
        parent=article_index,
        title="Winter skin care",
        intro="Chemical peel questions. " * 20,
    )
    ArticlePageFactory(parent=article_index, title="Chemical peel myths", intro="What people say.")
    TreatmentPageFactory(parent=treatment_index, title="Chemical peel", summary="A peel for dull skin.")

    assert result_titles(client, "chemical peel") == [
        "Chemical peel",
        "Chemical peel myths",
        "Winter skin care",
    ]
