"""The Spanish form's treatment titles are read once per process until a title changes, not on every
form build (a POST included); a link naming a translation's slug and the embedded form on the
translated page agree on the treatment they preselect (TreatmentPage.offered_pk)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.leads.conftest import valid_answers

pytestmark = pytest.mark.django_db

TITLES_QUERY = re.compile(
    r'SELECT "wagtailcore_page"\."translation_key"( AS "translation_key")?, "wagtailcore_page"\."title"'
)
SELECTED = re.compile(r'<option value="(\d+)" selected>([^<]+)</option>')


def post_unfinished_form(client):
    """A Spanish request missing its first name: the form is built, checked and shown again."""
    return client.post(
        "/es/consultation/",
        valid_answers(first_name=""),
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )


def titles_queries(client, times):
    with CaptureQueriesContext(connection) as queries:
        for _ in range(times):
            assert post_unfinished_form(client).status_code == 200
    return [query["sql"] for query in queries if TITLES_QUERY.search(query["sql"])]


def test_the_spanish_titles_are_read_once_for_many_form_builds(client, laser_in_spanish):
    assert titles_queries(client, 1)  # the first build reads them

    assert titles_queries(client, 3) == []


def test_a_published_title_change_shows_on_the_next_spanish_form(client, laser, laser_in_spanish):
    titles_queries(client, 1)
    laser_in_spanish.title = "Tensado cutáneo con láser"
    laser_in_spanish.save_revision().publish()

    html = client.get("/es/consultation/", {"treatment": "tensado-con-laser"}).content.decode()

    assert SELECTED.findall(html) == [(str(laser.pk), "Tensado cutáneo con láser")]


def test_the_translated_pages_form_and_a_link_naming_its_slug_preselect_the_same_treatment(
    client, laser, laser_in_spanish
):
    assert laser_in_spanish.offered_pk() == laser.offered_pk() == laser.pk
    on_the_page = SELECTED.findall(client.get(laser_in_spanish.url).content.decode())
    by_the_link = SELECTED.findall(
        client.get("/es/consultation/", {"treatment": laser_in_spanish.slug}).content.decode()
    )

    assert on_the_page == by_the_link == [(str(laser.pk), "Tensado con láser")]


def test_a_translation_whose_source_is_not_live_offers_nothing(laser, laser_in_spanish):
    laser.unpublish()

    assert laser_in_spanish.offered_pk() is None
