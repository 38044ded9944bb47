import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from tests.treatments.factories import TreatmentCategoryFactory, TreatmentPageFactory
from treatments.models import TreatmentCategory, TreatmentIndexPage, TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def positions(html, texts):
    return [html.index(text) for text in texts]


def test_index_lists_categories_in_the_editors_order_and_uncategorised_treatments_last(
    client, treatment_index, practice
):
    peels = TreatmentCategoryFactory(name="Peels", description="Renewing the surface.", sort_order=2)
    injectables = TreatmentCategoryFactory(name="Injectables", sort_order=1)
    TreatmentPageFactory(parent=treatment_index, title="Chemical peel", category=peels)
    TreatmentPageFactory(parent=treatment_index, title="Lip filler", category=injectables)
    TreatmentPageFactory(parent=treatment_index, title="Anti-wrinkle", category=injectables)
    TreatmentPageFactory(parent=treatment_index, title="Hair removal", category=None)
    TreatmentPageFactory(parent=treatment_index, title="Draft peel", category=peels, live=False)

    html = client.get(treatment_index.url).content.decode()

    order = [">Injectables<", ">Anti-wrinkle<", ">Lip filler<", ">Peels<", "Renewing the surface.",
             ">Chemical peel<", ">Other treatments<", ">Hair removal<"]  # fmt: skip
    assert positions(html, order) == sorted(positions(html, order))
    assert "Draft peel" not in html
    assert "?category=" not in html  # no category has more than the index shows


def test_a_category_with_no_live_treatments_is_not_listed(client, treatment_index, practice):
    TreatmentCategoryFactory(name="Body contouring")
    TreatmentPageFactory(
        parent=treatment_index, title="Laser", category=TreatmentCategoryFactory(name="Lasers")
    )

    html = client.get(treatment_index.url).content.decode()

    assert ">Lasers<" in html
    assert "Body contouring" not in html


def test_a_large_category_shows_its_first_treatments_and_pages_through_the_rest(
    client, treatment_index, practice
):
    injectables = TreatmentCategoryFactory(name="Injectables", slug="injectables")
    count = TreatmentIndexPage.per_page + 2
    titles = [f"Injectable {number:02}" for number in range(count)]
    for title in titles:
        TreatmentPageFactory(parent=treatment_index, title=title, category=injectables)

    index = client.get(treatment_index.url).content.decode()
    first = client.get(treatment_index.url, {"category": "injectables"}).content.decode()
    second = client.get(treatment_index.url, {"category": "injectables", "page": "2"}).content.decode()

    shown = TreatmentIndexPage.per_category
    assert all(title in index for title in titles[:shown])
    assert not any(title in index for title in titles[shown:])
    assert f'href="?category=injectables">All {count} treatments in Injectables</a>' in index
    assert all(title in first for title in titles[: TreatmentIndexPage.per_page])
    assert titles[-1] not in first
    assert 'rel="next" href="?category=injectables&amp;page=2"' in first
    assert titles[-1] in second and titles[0] not in second
    assert "Page 2 of 2" in second
    assert "<title>Injectables, page 2 | " in second


@pytest.mark.parametrize(
    ("page", "shown_page"),
    [("abc", "Page 1 of 2"), ("99999", "Page 2 of 2"), ("-1", "Page 2 of 2"), ("\x00", "Page 1 of 2")],
)
def test_a_page_number_that_is_not_one_shows_the_first_or_last_page(
    client, treatment_index, practice, page, shown_page
):
    category = TreatmentCategoryFactory(slug="peels")
    for _ in range(TreatmentIndexPage.per_page + 1):
        TreatmentPageFactory(parent=treatment_index, category=category)

    response = client.get(treatment_index.url, {"category": "peels", "page": page})

    assert response.status_code == 200
    assert shown_page in response.content.decode()


@pytest.mark.parametrize("slug", ["no-such-category", "a b", "\x00", "é" * 300])
def test_an_unknown_category_is_not_found(client, treatment_index, practice, slug):
    TreatmentPageFactory(parent=treatment_index, category=TreatmentCategoryFactory())

    assert client.get(treatment_index.url, {"category": slug}).status_code == 404


def test_other_lists_the_treatments_without_a_category(client, treatment_index, practice):
    TreatmentPageFactory(parent=treatment_index, title="Hair removal", category=None)
    TreatmentPageFactory(parent=treatment_index, title="Lip filler", category=TreatmentCategoryFactory())

    html = client.get(treatment_index.url, {"category": "other"}).content.decode()

    assert ">Other treatments<" in html
    assert "Hair removal" in html and "Lip filler" not in html


def test_each_category_listing_is_cached_apart(client, treatment_index, practice):
    TreatmentPageFactory(
        parent=treatment_index, title="Lip filler", category=TreatmentCategoryFactory(slug="a")
    )
    TreatmentPageFactory(
        parent=treatment_index, title="Chemical peel", category=TreatmentCategoryFactory(slug="b")
    )

    client.get(treatment_index.url, {"category": "a"})
    second = client.get(treatment_index.url, {"category": "b"})

    assert "Chemical peel" in second.content.decode()
    assert "Lip filler" not in second.content.decode()


def test_renaming_a_category_shows_on_the_cached_index(client, treatment_index, practice):
    category = TreatmentCategoryFactory(name="Peels")
    TreatmentPageFactory(parent=treatment_index, category=category)
    client.get(treatment_index.url)

    category.name = "Peels and resurfacing"
    category.save()

    assert ">Peels and resurfacing<" in client.get(treatment_index.url).content.decode()


def warm_index_queries(client, treatment_index):
    client.get(treatment_index.url)  # renditions are made on an image's first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(treatment_index.url).status_code == 200
    return len(captured)


def test_the_index_costs_the_same_queries_whatever_the_number_of_treatments(
    client, treatment_index, practice, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # rendered every time
    categories = [TreatmentCategoryFactory() for _ in range(3)]
    for category in categories:
        TreatmentPageFactory(parent=treatment_index, category=category)
    few = warm_index_queries(client, treatment_index)
    for category in categories:
        for _ in range(TreatmentIndexPage.per_category + 3):
            TreatmentPageFactory(parent=treatment_index, category=category)

    assert warm_index_queries(client, treatment_index) == few


def test_deleting_a_category_moves_its_treatments_to_other_treatments(client, treatment_index, practice):
    category = TreatmentCategoryFactory(name="Lasers")
    treatment = TreatmentPageFactory(parent=treatment_index, title="Laser", category=category)

    category.delete()

    treatment.refresh_from_db()
    assert treatment.category is None
    assert ">Other treatments<" in client.get(treatment_index.url).content.decode()


def test_a_category_cannot_take_the_slug_of_the_uncategorised_group():
    with pytest.raises(ValidationError, match="lists the treatments without a category"):
        TreatmentCategory(name="Other", slug="other").full_clean()


def test_an_editor_sets_a_treatments_category_in_a_draft_that_publishes(treatment_index, practice):
    category = TreatmentCategoryFactory()
    treatment = TreatmentPageFactory(parent=treatment_index, category=None)

    treatment.category = category
    revision = treatment.save_revision()
    Revision.objects.get(pk=revision.pk).publish()

    assert TreatmentPage.objects.get(pk=treatment.pk).category == category
