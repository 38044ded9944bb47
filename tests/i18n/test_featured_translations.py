"""A translated home page features each page in its own language where that translation is live,
else the page it was copied with (shown untranslated, as under /es/ any page is), in the editor's
order and at a query cost that does not grow with the number of featured pages."""

import pytest

from practice.models import HomePageFeaturedItem
from tests.budgets import render_queries
from tests.factories import StandardPageFactory

from .conftest import translate

pytestmark = pytest.mark.django_db

FEATURED = '<section aria-labelledby="featured-heading"'


def featured_links(html):
    return html.split(FEATURED)[1].split("</section>")[0]


@pytest.fixture
def prices(home, spanish_home):
    return StandardPageFactory(parent=home, title="Prices", slug="prices")


def feature(home, *pages):
    for order, page in enumerate(pages):
        HomePageFeaturedItem.objects.create(page=home, linked_page=page, sort_order=order)


def featuring(home, spanish_home, *pages):
    """Both homes feature the English `pages`: a translation copies its source's featured items."""
    feature(home, *pages)
    feature(spanish_home, *pages)
    return spanish_home


def test_the_spanish_home_features_the_spanish_translation_and_the_untranslated_page(
    client, home, spanish_home, sobre, about, prices
):
    featuring(home, spanish_home, prices, about)

    featured = featured_links(client.get(spanish_home.url).content.decode())

    assert featured.index('href="/prices/">Prices<') < featured.index('href="/es/about/">Sobre nosotros<')
    assert "About us" not in featured


def test_the_english_home_still_features_the_english_pages(client, home, spanish_home, sobre, about, prices):
    featuring(home, spanish_home, prices, about)

    featured = featured_links(client.get("/").content.decode())

    assert 'href="/about/">About us<' in featured and "Sobre nosotros" not in featured


def test_a_draft_translation_is_not_featured(client, home, spanish_home, sobre, about):
    featuring(home, spanish_home, about)
    sobre.refresh_from_db()  # published from a revision: this copy still says draft
    sobre.unpublish()

    featured = featured_links(client.get(spanish_home.url).content.decode())

    assert 'href="/about/">About us<' in featured


def test_the_spanish_homes_queries_do_not_grow_with_its_featured_translations(
    client, home, spanish, spanish_home, sobre, about
):
    featuring(home, spanish_home, about)
    with_one = render_queries(client, spanish_home.url)

    more = [StandardPageFactory(parent=home, title=f"Page {number}") for number in range(4)]
    for page in more:
        translate(page, spanish, title=f"Página {page.title[-1]}")
    feature(spanish_home, *more)
    with_five = render_queries(client, spanish_home.url)

    assert "Página 3" in client.get(spanish_home.url).content.decode()
    assert len(with_five) == len(with_one), f"{len(with_one)} then {len(with_five)}:\n{with_five}"
