"""The CSV export's formula neutraliser: text a spreadsheet would run is shown as typed instead."""

import csv
import io

import pytest
from django.urls import reverse

from frontdesk.spreadsheets import neutralise_formula
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "=1+1",
        "+SUM(A1)",
        "-2",
        "@cmd",
        "\tanything",
        "\ranything",
        '   =HYPERLINK("http://evil")',  # leading spaces
        "\n=cmd|' /C calc'!A0",  # a line break first
        "\r\n+1",
        "\u3000=1+1",  # an ideographic space
        "\uff1d1+1",  # full-width ＝
        "\uff0bSUM(A1)",  # full-width ＋
        "\uff0d2",  # full-width －
        "\uff20cmd",  # full-width ＠
        " \n \uff1d1",
    ],
)
def test_text_a_spreadsheet_would_run_is_quoted(typed):
    assert neutralise_formula(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["Ana", "", "   ", "\n", "1+1", "a=b", "Call me \n=later", 42, None])
def test_other_values_are_left_as_they_are(typed):
    assert neutralise_formula(typed) == typed


def test_the_csv_export_quotes_a_formula_hidden_behind_a_line_break(client, front_desk):
    LeadFactory(first_name="\uff1dHYPERLINK(1)", message="\n=cmd")
    client.force_login(front_desk)

    response = client.get(reverse("lead_admin:index"), {"export": "csv"})

    row = next(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert row["First name"] == "'\uff1dHYPERLINK(1)"
    assert row["Message"] == "'\n=cmd"
