"""Querysets compiled once per process (practice.compiled_queries): each run finds what the queryset
itself finds, for every value given, and compiles nothing again."""

import copy
import threading
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler

from leads.templatetags.leads_tags import FORM_DIGEST_ROWS, form_digest_rows
from treatments.listing import find_child
from treatments.models import ArticlePage, TreatmentIndexPage, TreatmentPage
from treatments.models.treatment_pages import relation_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def fields(page):
    return {name: value for name, value in vars(page).items() if not name.startswith("_")}


def test_a_routed_child_is_the_page_with_its_image_reviewer_and_restriction_flag():
    for index in TreatmentIndexPage.objects.all():
        children = TreatmentPage.objects.child_of(index)
        assert children, "the demo has treatments in every language"
        for page in children:
            found = find_child(index, TreatmentPage, page.slug)

            assert fields(found) == {**fields(page), "view_restricted": False}
            assert found.hero_image == page.hero_image
            assert found.reviewed_by == page.reviewed_by
        assert find_child(index, TreatmentPage, "no-such-treatment") is None


def test_a_child_of_another_index_or_type_is_not_found():
    article = ArticlePage.objects.live().first()
    for index in TreatmentIndexPage.objects.all():
        assert find_child(index, TreatmentPage, article.slug) is None
        assert find_child(index, ArticlePage, article.slug) is None


def test_a_treatment_pages_relations_are_what_its_querysets_find():
    for page in TreatmentPage.objects.all():
        articles = TreatmentPage.articles_in_language(page.locale_id, page.translation_key)
        expected = relation_pages(
            page.related_treatments.values("pk"), articles, page.practitioners.values("pk")
        )

        relations = page.relations

        found = [*relations["treatments"], *relations["articles"], *relations["practitioners"]]
        assert sorted(item.pk for item in found) == sorted(item.pk for item in expected)
        assert {type(item).__name__ for item in relations["treatments"]} <= {"TreatmentPage"}
        assert {type(item).__name__ for item in relations["articles"]} <= {"ArticlePage"}
        assert {type(item).__name__ for item in relations["practitioners"]} <= {"PractitionerPage"}


def test_a_second_run_compiles_nothing(django_assert_num_queries):
    index = TreatmentIndexPage.objects.first()
    page = TreatmentPage.objects.child_of(index).first()
    related = copy.copy(page).relations  # compiled on first use
    find_child(index, TreatmentPage, page.slug)

    digest_rows = FORM_DIGEST_ROWS.run()

    compiling = mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("compiled again"))
    with compiling, django_assert_num_queries(3):
        assert find_child(index, TreatmentPage, page.slug).pk == page.pk
        assert copy.copy(page).relations == related
        assert FORM_DIGEST_ROWS.run() == digest_rows


def test_the_form_digests_rows_are_what_its_queryset_finds():
    """As the values_list tuples, converted as Django converts them (SQLite's booleans too)."""
    treatment = TreatmentPage.objects.live().first()
    before = sorted(FORM_DIGEST_ROWS.run(), key=repr)
    assert before == sorted(form_digest_rows(), key=repr)
    assert ("treatment", treatment.pk, treatment.title) in {row[:3] for row in before}
    assert {type(row[6]) for row in before} <= {bool, type(None)}

    TreatmentPage.objects.filter(pk=treatment.pk).update(title="Renamed")

    after = sorted(FORM_DIGEST_ROWS.run(), key=repr)
    assert after == sorted(form_digest_rows(), key=repr)
    assert ("treatment", treatment.pk, "Renamed") in {row[:3] for row in after}


def test_a_query_compiled_in_one_thread_runs_in_another():
    """The web server answers from several threads per process, each with its own connection."""
    index = TreatmentIndexPage.objects.first()
    page = TreatmentPage.objects.child_of(index).first()
    find_child(index, TreatmentPage, page.slug)  # compiled in this thread
    found = []

    def find_in_another_thread():
        try:
            found.append(find_child(index, TreatmentPage, page.slug).pk)
        finally:
            connection.close()

    thread = threading.Thread(target=find_in_another_thread)
    thread.start()
    thread.join()

    assert found == [page.pk]
