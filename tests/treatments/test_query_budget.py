"""A page view costs a fixed number of queries, however much content the page holds."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

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

# 8 for Wagtail's serving and the site frame: the site, its root and home pages, the treatments
# index, the alias and view-restriction checks, the practice's details and the menu. 6 for the
# treatment itself: the page with its hero image and clinical reviewer, related treatments, related
# articles, practitioners with their photos, body images and one query for every image's
# renditions. 2 for the before-and-after gallery: its consented items with their photos, and those
# photos' renditions. 1 for the embedded consultation form's treatment list.
TREATMENT_PAGE_BUDGET = 17


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


def queries_to_render(client, url):
    # The first view makes each image's renditions once; later views only read them.
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("amount", [1, 6])
def test_treatment_page_stays_within_its_query_budget(
    client, treatment_index, article_index, team_index, practice, amount, django_assert_max_num_queries
):
    treatment = treatment_with_content(treatment_index, article_index, team_index, amount)
    client.get(treatment.url)

    with django_assert_max_num_queries(TREATMENT_PAGE_BUDGET):
        client.get(treatment.url)


def test_treatment_page_queries_do_not_grow_with_its_content(
    client, treatment_index, article_index, team_index, practice
):
    small = treatment_with_content(treatment_index, article_index, team_index, 1)
    large = treatment_with_content(treatment_index, article_index, team_index, 5)

    assert queries_to_render(client, large.url) == queries_to_render(client, small.url)
