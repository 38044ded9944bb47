"""The inbox counts its matches exactly up to a threshold; past it, PostgreSQL's planner estimate
stands in (shown as "about") and other databases count every row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontdesk import pagination
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("lead_admin:index")
ON_POSTGRESQL = pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's")


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    LeadFactory.create_batch(6, last_name="Quarrendon")
    LeadFactory.create_batch(2, last_name="Wyvernhall")
    return client


def test_a_count_within_the_threshold_is_exact(desk, monkeypatch):
    monkeypatch.setattr(pagination, "COUNTED_UP_TO", 6)

    response = desk.get(INDEX, {"q": "quarrendon"})

    assert response.context["paginator"].count == 6
    assert not response.context["paginator"].estimated
    assert "There are 6 matches" in response.content.decode()


def test_a_page_asks_for_a_whole_page_however_few_match(desk):
    with CaptureQueriesContext(connection) as queries:
        response = desk.get(INDEX, {"q": "wyvernhall"})

    assert len(response.context["object_list"]) == 2
    listed = [query["sql"] for query in queries if 'ORDER BY "leads_lead"."created_at" DESC' in query["sql"]]
    assert listed and all(sql.endswith("LIMIT 50") for sql in listed)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL estimates past the threshold")
def test_past_the_threshold_other_databases_count_every_row(desk, monkeypatch):
    monkeypatch.setattr(pagination, "COUNTED_UP_TO", 3)

    response = desk.get(INDEX)

    assert response.context["paginator"].count == 8
    assert not response.context["paginator"].estimated


@ON_POSTGRESQL
def test_past_the_threshold_postgresql_estimates_and_says_so(desk, monkeypatch):
    monkeypatch.setattr(pagination, "COUNTED_UP_TO", 3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE leads_lead")

    response = desk.get(INDEX, {"q": "quarrendon"})

    paginator = response.context["paginator"]
    assert paginator.estimated
    assert paginator.count >= 4  # never fewer than were counted
    assert f"About {paginator.count:,} matches" in response.content.decode()
    assert len(response.context["object_list"]) == 6
