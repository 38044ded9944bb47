"""The articles index narrowed to a topic or a treatment, a page at a time."""

import pytest

from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory
from treatments.models import ArticleIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def article(article_index, title, *, tags=(), treatments=(), live=True):
    page = ArticlePageFactory(parent=article_index, title=title, live=live)
    page.tags.add(*tags)
    page.treatments.set(treatments)
    page.save()
    return page


def test_the_index_offers_the_topics_and_treatments_its_articles_have(
    client, article_index, treatment_index, practice
):
    laser = TreatmentPageFactory(parent=treatment_index, title="Laser", slug="laser")
    TreatmentPageFactory(parent=treatment_index, title="Peel", slug="peel")  # no article about it
    article(article_index, "Aftercare tips", tags=["Aftercare"], treatments=[laser])
    article(article_index, "A draft", tags=["Draft topic"], live=False)

    html = client.get(article_index.url).content.decode()

    assert 'href="?tag=aftercare">Aftercare</a>' in html
    assert 'href="?treatment=laser">Laser</a>' in html
    assert "Draft topic" not in html
    assert "?treatment=peel" not in html


def test_a_topic_or_a_treatment_narrows_the_list_and_both_together_narrow_it_further(
    client, article_index, treatment_index, practice
):
    laser = TreatmentPageFactory(parent=treatment_index, title="Laser", slug="laser")
    article(article_index, "Laser aftercare", tags=["Aftercare"], treatments=[laser])
    article(article_index, "Peel aftercare", tags=["Aftercare"])
    article(article_index, "How laser works", treatments=[laser])

    by_topic = client.get(article_index.url, {"tag": "aftercare"}).content.decode()
    by_treatment = client.get(article_index.url, {"treatment": "laser"}).content.decode()
    both = client.get(article_index.url, {"tag": "aftercare", "treatment": "laser"}).content.decode()

    assert (
        "Laser aftercare" in by_topic and "Peel aftercare" in by_topic and "How laser works" not in by_topic
    )
    assert "Laser aftercare" in by_treatment and "How laser works" in by_treatment
    assert "Peel aftercare" not in by_treatment
    assert "Laser aftercare" in both and "Peel aftercare" not in both and "How laser works" not in both
    assert "<title>Aftercare, Laser | " in both


def test_the_pages_of_a_narrowed_list_keep_its_filter(client, article_index, practice):
    for number in range(ArticleIndexPage.per_page + 1):
        article(article_index, f"Aftercare {number}", tags=["Aftercare"])
    article(article_index, "Unrelated")

    first = client.get(article_index.url, {"tag": "aftercare"}).content.decode()
    second = client.get(article_index.url, {"tag": "aftercare", "page": "2"}).content.decode()

    assert 'rel="next" href="?tag=aftercare&amp;page=2"' in first
    assert "Page 2 of 2" in second
    assert "Unrelated" not in second


@pytest.mark.parametrize(
    "query", [{"page": "abc"}, {"page": "99999"}, {"page": "\x00"}, {"tag": "x", "page": "0"}]
)
def test_a_page_number_that_is_not_one_shows_a_page_and_never_fails(client, article_index, practice, query):
    article(article_index, "About x", tags=["x"])

    response = client.get(article_index.url, query)

    assert response.status_code == 200
    assert "About x" in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"tag": "no-such-topic"}, {"treatment": "no-such-treatment"}, {"tag": "\x00"}]
)
def test_a_topic_or_treatment_with_no_articles_is_not_found(client, article_index, practice, query):
    article(article_index, "About x", tags=["x"])

    assert client.get(article_index.url, query).status_code == 404


def test_each_narrowed_list_is_cached_apart(client, article_index, practice):
    article(article_index, "About lasers", tags=["Lasers"])
    article(article_index, "About peels", tags=["Peels"])

    client.get(article_index.url, {"tag": "lasers"})
    html = client.get(article_index.url, {"tag": "peels"}).content.decode()

    assert "About peels" in html and "About lasers" not in html
