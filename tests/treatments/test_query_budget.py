"""A page view costs a fixed number of queries, however much content the page holds."""

import datetime
import json

import pytest
from wagtail_factories import ImageFactory

from tests.budgets import FIRST_RENDER_QUERY_BUDGET, PAGE_QUERY_BUDGET, first_render_queries, render_queries
from tests.gallery.factories import GalleryItemFactory
from tests.team.factories import PractitionerPageFactory
from tests.treatments.factories import (
    ArticlePageFactory,
    TreatmentPageFactory,
    faq_block,
    image_block,
    paragraph_block,
)

pytestmark = pytest.mark.django_db


def treatment_with_content(treatment_index, article_index, team_index, amount):
    """A reviewed treatment page with `amount` FAQ items, body images, related treatments, articles,
    practitioners and gallery items."""
    related = [TreatmentPageFactory(parent=treatment_index, hero_image=ImageFactory()) for _ in range(amount)]
    body = [faq_block(amount), paragraph_block(), *[image_block(ImageFactory()) for _ in range(amount)]]
    practitioners = [
        PractitionerPageFactory(parent=team_index, photo=ImageFactory(), photo_alt_text="Portrait")
        for _ in range(amount)
    ]
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        hero_image=ImageFactory(),
        body=json.dumps(body),
        reviewed_by=practitioners[0],
        last_reviewed=datetime.date(2026, 3, 3),
    )
    treatment.related_treatments.set(related)
    treatment.practitioners.set(practitioners)
    treatment.save()
    GalleryItemFactory.create_batch(amount, treatment=treatment)
    for _ in range(amount):
        article = ArticlePageFactory(parent=article_index, hero_image=ImageFactory())
        article.treatments.set([treatment])
        article.save()
    return treatment


@pytest.mark.parametrize("amount", [1, 6])
def test_treatment_page_stays_within_its_query_budget(
    client, treatment_index, article_index, team_index, practice, amount
):
    treatment = treatment_with_content(treatment_index, article_index, team_index, amount)

    # Rendered past the page cache: a cached copy would cost no query at all.
    queries = render_queries(client, treatment.url)

    assert len(queries) <= PAGE_QUERY_BUDGET, queries


def test_treatment_page_queries_do_not_grow_with_its_content(
    client, treatment_index, article_index, team_index, practice
):
    small = treatment_with_content(treatment_index, article_index, team_index, 1)
    large = treatment_with_content(treatment_index, article_index, team_index, 5)

    assert len(render_queries(client, large.url)) == len(render_queries(client, small.url))


def test_first_render_after_a_publish_does_not_grow_with_content(
    client, treatment_index, article_index, team_index, practice
):
    small = treatment_with_content(treatment_index, article_index, team_index, 1)
    large = treatment_with_content(treatment_index, article_index, team_index, 5)

    for page in (small, large):  # image renditions are made once, on the first view ever
        render_queries(client, page.url)

    small_queries = first_render_queries(client, small.url)
    large_queries = first_render_queries(client, large.url)
    assert len(large_queries) == len(small_queries), large_queries
    assert len(small_queries) <= FIRST_RENDER_QUERY_BUDGET, small_queries
