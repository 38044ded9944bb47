"""Migrations treatments 0007-0009, gallery 0003-0005 and testimonials 0002-0004: categories, gallery
items and testimonials saved before they were translatable are in the source language afterwards,
each with a translation key of its own. Only these apps' new migrations are undone and redone."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Locale

from gallery.models import GalleryItem
from testimonials import models as testimonials
from tests.migrations import migrate_back_to, migrate_to_latest
from treatments.models import TreatmentCategory

BEFORE = [
    ("treatments", "0006_treatment_category_article_tags"),
    ("gallery", "0002_patient_photos"),
    ("testimonials", "0001_initial"),
]

# Migrating changes the schema: a real transaction, and the migrations' own data put back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_snippets_saved_before_are_english_each_with_its_own_translation_key():
    old = migrate_back_to(BEFORE)
    english = old.get_model("wagtailcore", "Locale").objects.get(language_code="en")
    old_category = old.get_model("treatments", "TreatmentCategory")
    for number, name in enumerate(["Skin", "Body"]):
        old_category.objects.create(name=name, slug=name.lower(), sort_order=number)
    page_model = old.get_model("treatments", "TreatmentPage")
    content_type = old.get_model("contenttypes", "ContentType").objects.get_for_model(page_model)
    page = page_model.objects.create(
        title="Chemical peel",
        draft_title="Chemical peel",
        slug="chemical-peel",
        path="0001ZZZZ",
        depth=2,
        content_type=content_type,
        locale=english,
        summary="A peel.",
    )
    consent = old.get_model("gallery", "ConsentRecord").objects.create(
        patient_reference="PT-1", signed_on=timezone.localdate(), expires_on=timezone.localdate()
    )
    old.get_model("gallery", "GalleryItem").objects.create(
        title="Peel", treatment=page, consent=consent, caption="After three peels."
    )
    old.get_model("testimonials", "Testimonial").objects.create(quote="Lovely team.", attribution="Sam")

    migrate_to_latest()

    english = Locale.objects.get(language_code="en")
    snippets = [
        *TreatmentCategory.objects.all(),
        *GalleryItem.objects.all(),
        *testimonials.Testimonial.objects.all(),
    ]
    assert [snippet.locale_id for snippet in snippets] == [english.pk] * 4
    assert len({snippet.translation_key for snippet in snippets}) == 4
    # A name is unique in its language, not across languages.
    spanish = Locale.objects.create(language_code="es")
    TreatmentCategory.objects.create(name="Skin", slug="skin", locale=spanish)
    with pytest.raises(IntegrityError), transaction.atomic():
        TreatmentCategory.objects.create(name="Skin", slug="skin-again", locale=english)
