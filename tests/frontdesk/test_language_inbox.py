"""The front desk sees which language each lead was sent in: a column and a filter in the inbox, a
column in the export, a line on the lead's page."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from frontdesk.background_exports import is_large
from leads.models import LeadAccess
from leads.privacy import export_person
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("lead_admin:index")


@pytest.fixture
def desk(client, front_desk):
    front_desk.user_permissions.add(*front_desk.user_permissions.model.objects.filter(codename="export_lead"))
    client.force_login(front_desk)
    return client


@pytest.fixture
def leads():
    return {
        "en": LeadFactory(first_name="Emma", last_name="English"),
        "es": LeadFactory(first_name="Elena", last_name="Española", language="es"),
        "ar": LeadFactory(first_name="Amal", last_name="Arabic", language="ar"),
    }


def names(response):
    return {lead.full_name for lead in response.context["object_list"]}


def test_the_inbox_shows_each_leads_language(desk, leads):
    html = desk.get(INDEX).content.decode()

    cells = re.findall(r"<td >\s*(English|Spanish|Arabic)\s*</td>", html)
    assert sorted(cells) == ["Arabic", "English", "Spanish"]


def test_the_inbox_filters_by_language_and_the_access_trail_names_it(desk, leads):
    assert names(desk.get(INDEX, {"language": "es"})) == {leads["es"].full_name}
    assert names(desk.get(INDEX, {"language": "ar"})) == {leads["ar"].full_name}
    assert names(desk.get(INDEX, {"language": "en"})) == {leads["en"].full_name}
    assert len(names(desk.get(INDEX))) == 3

    desk.get(INDEX, {"language": "es"})
    assert "Language: Spanish" in LeadAccess.objects.latest("pk").summary


def test_a_language_the_site_does_not_offer_filters_nothing_out_and_is_no_error(desk, leads):
    response = desk.get(INDEX, {"language": "xx"})

    assert response.status_code == 200
    assert len(names(response)) == 3


def test_the_csv_export_has_each_leads_language(desk, leads):
    response = desk.get(INDEX, {"export": "csv"})

    rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert {row["First name"]: row["Language"] for row in rows} == {
        "Emma": "English",
        "Elena": "Spanish",
        "Amal": "Arabic",
    }


def test_the_xlsx_export_has_each_leads_language(desk, leads):
    assert not is_large("xlsx", 3)

    response = desk.get(INDEX, {"export": "xlsx", "language": "es"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert [dict(zip(header, row, strict=True))["Language"] for row in rows] == ["Spanish"]


def test_the_leads_page_says_its_language(desk, leads):
    html = desk.get(reverse("lead_admin:detail", args=[leads["ar"].pk])).content.decode()

    assert "<dt>Language</dt><dd>Arabic</dd>" in html


def test_a_persons_data_export_says_the_language_of_each_request(leads):
    data = json.loads(export_person(email=leads["es"].email, phone="", lead_ids=[leads["es"].pk]))

    assert [lead["language"] for lead in data["leads"]] == ["es"]
