"""Migration practice 0003: a database made while the source language was "en-gb" has its pages
in an "en" Locale afterwards, the one Wagtail finds for English."""

import pytest
from wagtail.models import Locale, Page

from tests.migrations import migrate_back_to, migrate_to_latest

BEFORE = [("practice", "0002_policy_pages")]

# Migrating changes the schema: a real transaction, and the migrations' own data put back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_en_gb_locale_becomes_en_and_keeps_its_pages():
    migrate_back_to(BEFORE)  # reversing the migration gives back the Locale the earlier code made
    assert list(Locale.all_objects.values_list("language_code", flat=True)) == ["en-gb"]
    english_pages = set(Page.objects.filter(locale__language_code="en-gb").values_list("pk", flat=True))

    migrate_to_latest()

    assert list(Locale.all_objects.values_list("language_code", flat=True)) == ["en"]
    assert set(Page.objects.filter(locale=Locale.get_default()).values_list("pk", flat=True)) == english_pages
    assert english_pages  # the tree's root at least


def test_an_existing_en_locale_is_left_alone():
    old = migrate_back_to(BEFORE)
    old.get_model("wagtailcore", "Locale").objects.create(language_code="en")

    migrate_to_latest()

    assert list(Locale.all_objects.values_list("language_code", flat=True)) == ["en", "en-gb"]
