"""Migration 0005: the three fixed categories become TreatmentCategory rows, pages and saved
revisions alike, and Moderators may manage them."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Revision

from tests.migrations import migrate_back_to, migrate_to_latest
from treatments.models import TreatmentCategory, TreatmentPage

BEFORE = [("treatments", "0004_clinical_review_and_practitioners")]

# Migrating changes the schema: a real transaction, and the migrations' own data put back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_treatments_and_their_drafts_keep_their_former_group():
    old = migrate_back_to(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType").objects.get_for_model(
        old.get_model("treatments", "TreatmentPage")
    )
    page = old.get_model("treatments", "TreatmentPage").objects.create(
        title="Chemical peel",
        draft_title="Chemical peel",
        slug="chemical-peel",
        path="0001ZZZZ",
        depth=2,
        content_type=content_type,
        locale=old.get_model("wagtailcore", "Locale").objects.first(),
        summary="A peel.",
        category="skin",
    )
    draft = old.get_model("wagtailcore", "Revision").objects.create(
        content_type=content_type,
        base_content_type_id=page.page_ptr.content_type_id,
        object_id=str(page.pk),
        content={"title": "Chemical peel", "category": "body"},
        created_at=timezone.now(),
    )

    migrate_to_latest()

    categories = {category.slug: category for category in TreatmentCategory.objects.all()}
    assert [(category.name, category.sort_order) for category in categories.values()] == [
        ("Body", 2),
        ("Skin", 3),
    ]
    assert TreatmentPage.objects.get(pk=page.pk).category == categories["skin"]
    assert Revision.objects.get(pk=draft.pk).content["category"] == categories["body"].pk
    moderators = Group.objects.get(name="Moderators")
    assert {
        permission.codename for permission in moderators.permissions.filter(codename__endswith="category")
    } == {
        "add_treatmentcategory",
        "change_treatmentcategory",
        "delete_treatmentcategory",
    }
