"""The inbox's search for a full name lists every match newest first, the same leads in the same
order on both databases however many match; on PostgreSQL the matches are found through the
trigram indexes, never by walking every lead newest first in the hope of meeting them early
(issue 21: "james smith" read 466,189 leads of a million that way)."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from frontdesk import filters
from leads.models import Lead
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("lead_admin:index")
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram indexes are PostgreSQL's"
)


@pytest.fixture
def smiths():
    """The leads a search for "james smith" finds, newest first (two received at the same moment),
    among leads it must not find received between them."""
    now = timezone.now()
    received = {  # lead: days ago
        (james_smith := LeadFactory(first_name="James", last_name="Smith")): 3,
        (swapped := LeadFactory(first_name="Smith", last_name="James")): 1,
        (in_email := LeadFactory(first_name="Jo", last_name="Smithers", email="Jamesbond@example.com")): 1,
        (capitals := LeadFactory(first_name="JAMES", last_name="SMITH")): 7,
        (inside_words := LeadFactory(first_name="Jameson", last_name="Blacksmith")): 2,
        LeadFactory(first_name="James", last_name="Brown"): 0,
        LeadFactory(first_name="Jane", last_name="Smith"): 0,
        LeadFactory(first_name="Jam", last_name="Essmith"): 0,  # no word runs across two fields
        LeadFactory(first_name="James", last_name="Smith", status=Lead.Status.SPAM): 0,
    }
    for lead, days_ago in received.items():
        Lead.objects.filter(pk=lead.pk).update(created_at=now - datetime.timedelta(days=days_ago))
    # Received at the same moment, the later lead comes first.
    return [in_email, swapped, inside_words, james_smith, capitals]


@pytest.mark.parametrize("listed_by_id_up_to", [filters.LISTED_BY_ID_UP_TO, 0], ids=["few", "many"])
def test_a_full_name_search_lists_every_match_newest_first(
    client, front_desk, smiths, monkeypatch, listed_by_id_up_to
):
    monkeypatch.setattr(filters, "LISTED_BY_ID_UP_TO", listed_by_id_up_to)
    client.force_login(front_desk)

    response = client.get(INDEX, {"q": "  james   SMITH "})

    assert list(response.context["object_list"]) == smiths
    assert list(filters.inbox_leads(QueryDict("q=james+smith"), user=front_desk)) == smiths


@ON_POSTGRESQL
def test_a_full_name_search_finds_its_matches_through_the_trigram_indexes(smiths):
    matches = Lead.objects.filter(filters.search_match("james smith")).order_by().values("pk")

    with connection.cursor() as cursor:
        # On a handful of rows a table scan is cheaper: ask whether the indexes can serve it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matches.explain()

    assert "leads_lead_first_name_trgm" in plan and "leads_lead_last_name_trgm" in plan, plan
    assert "created_at" not in plan, plan


@ON_POSTGRESQL
def test_the_inbox_page_of_a_search_with_few_matches_reads_them_by_id(smiths, front_desk):
    page = filters.inbox_leads(QueryDict("q=james+smith"), user=front_desk)[:50]

    plan = page.explain()

    # The planner is told how many leads match, not left to guess it from each word's share.
    assert "~~" not in plan and "= ANY" in plan, plan
