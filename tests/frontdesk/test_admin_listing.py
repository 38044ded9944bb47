import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from leads.models import Lead
from tests.leads.factories import LeadFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("lead_admin:index")


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    return client


def names(response):
    return {lead.full_name for lead in response.context["object_list"]}


def test_front_desk_sees_leads_newest_first_with_their_columns(desk, front_desk):
    old = LeadFactory(first_name="Olive", last_name="Old", treatment_title="Chemical peel")
    Lead.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    LeadFactory(first_name="Nina", last_name="New", assignee=front_desk, utm_source="Instagram")

    response = desk.get(INDEX)

    assert response.status_code == 200
    listed = [lead.full_name for lead in response.context["object_list"]]
    assert listed == ["Nina New", "Olive Old"]
    html = response.content.decode()
    for heading in ["Name", "Treatment", "Source", "Status", "Assigned to", "Received", "Next follow-up"]:
        assert f">{heading}<" in html or heading in html
    assert "Chemical peel" in html
    assert "instagram" in html
    assert front_desk.get_full_name() in html


def test_spam_is_hidden_unless_asked_for(desk):
    LeadFactory(first_name="Real", last_name="Person")
    LeadFactory(first_name="Spam", last_name="Bot", status=Lead.Status.SPAM)

    assert names(desk.get(INDEX)) == {"Real Person"}
    assert names(desk.get(INDEX, {"status": "spam"})) == {"Spam Bot"}


def test_requests_that_need_review_are_listed_by_default(desk):
    LeadFactory(first_name="Real", last_name="Person")
    LeadFactory(first_name="Rotated", last_name="Key", status=Lead.Status.NEEDS_REVIEW)
    LeadFactory(first_name="Spam", last_name="Bot", status=Lead.Status.SPAM)

    assert names(desk.get(INDEX)) == {"Real Person", "Rotated Key"}
    assert names(desk.get(INDEX, {"status": "needs_review"})) == {"Rotated Key"}


def test_filters_by_status_treatment_source_campaign_assignee_and_dates(desk, front_desk, home):
    peel = TreatmentPageFactory(parent=home, title="Chemical peel")
    booked = LeadFactory(status=Lead.Status.BOOKED, utm_source="", click_id_param="gclid", click_id="abc")
    with_peel = LeadFactory(treatment=peel, utm_source="newsletter", utm_campaign="autumn")
    assigned = LeadFactory(assignee=front_desk, utm_source="", referrer="")
    Lead.objects.filter(pk=assigned.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))

    assert names(desk.get(INDEX, {"status": ["booked", "patient"]})) == {booked.full_name}
    assert names(desk.get(INDEX, {"treatment": peel.pk})) == {with_peel.full_name}
    assert names(desk.get(INDEX, {"source": "google", "channel": "paid"})) == {booked.full_name}
    assert names(desk.get(INDEX, {"channel": "direct"})) == {assigned.full_name}
    assert names(desk.get(INDEX, {"source": "newsletter"})) == {with_peel.full_name}
    assert names(desk.get(INDEX, {"utm_campaign": "autumn"})) == {with_peel.full_name}
    assert names(desk.get(INDEX, {"assignee": front_desk.pk})) == {assigned.full_name}
    assert assigned.full_name not in names(desk.get(INDEX, {"assignee": "null"}))
    a_month_ago = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert names(desk.get(INDEX, {"created_at_to": a_month_ago})) == {assigned.full_name}
    assert assigned.full_name not in names(desk.get(INDEX, {"created_at_from": a_month_ago}))


def test_overdue_follow_ups_can_be_filtered_and_stand_out(desk):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = LeadFactory(follow_up_on=yesterday, status=Lead.Status.CONTACTED)
    LeadFactory(follow_up_on=timezone.localdate() + datetime.timedelta(days=2))
    LeadFactory(follow_up_on=yesterday, status=Lead.Status.LOST, lost_reason="price")

    response = desk.get(INDEX, {"overdue": "true"})

    assert names(response) == {late.full_name}
    assert response.content.decode().count("lead-overdue") == 1


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Brennan", True),
        ("ciara bre", True),
        ("CIARA.B@EXAMPLE", True),
        ("07700 900123", True),
        ("+447700900123", True),
        ("900123", True),
        ("Someone else", False),
    ],
)
def test_search_by_name_email_or_phone(desk, query, found):
    LeadFactory(first_name="Ciara", last_name="Brennan", email="ciara.b@example.com", phone="+447700900123")
    LeadFactory(first_name="Dan", last_name="Other", email="dan@example.org", phone="+447700900999")

    assert ("Ciara Brennan" in names(desk.get(INDEX, {"q": query}))) is found


def test_pagination_keeps_pages_small(desk):
    LeadFactory.create_batch(55)

    first = desk.get(INDEX)
    second = desk.get(INDEX, {"p": 2})

    assert len(first.context["object_list"]) == 50
    assert len(second.context["object_list"]) == 5
    assert first.context["items_count"] == 55


def test_csv_export_holds_the_filtered_leads_with_formulas_neutralised(desk):
    LeadFactory(first_name='=HYPERLINK("http://evil")', last_name="+SUM(A1)", message="@cmd|' /C calc'!A0")
    LeadFactory(first_name="Filtered", last_name="Out", status=Lead.Status.SPAM)

    response = desk.get(INDEX, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="leads.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["First name"] == '\'=HYPERLINK("http://evil")'
    assert row["Last name"] == "'+SUM(A1)"
    assert row["Message"].startswith("'@cmd")
    assert row["Status"] == "New"
    assert row["Phone"].startswith("'+44")


def test_xlsx_export_stores_formula_like_text_as_text(desk):
    lead = LeadFactory(first_name="=1+1", last_name="-2", message="Hello\x07 there")

    response = desk.get(INDEX, {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    row = dict(zip(headings, sheet[2], strict=True))
    assert row["First name"].value == "=1+1"
    assert row["First name"].data_type == "s"
    assert row["Last name"].value == "-2"
    assert row["Last name"].data_type == "s"
    assert row["Message"].value == "Hello there"
    assert row["ID"].value == lead.pk


def test_source_and_campaign_filters_offer_each_value_once(desk):
    LeadFactory.create_batch(3, utm_source="Instagram", utm_campaign="glow")

    form = desk.get(INDEX).context["filters"].form

    assert [value for value, _ in form.fields["utm_campaign"].choices].count("glow") == 1
    assert [value for value, _ in form.fields["source"].choices].count("instagram") == 1
