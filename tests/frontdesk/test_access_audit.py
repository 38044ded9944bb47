"""The audit trail of access to lead data: each kind of entry, who sees it, and that it outlives purges."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from leads.delivery import LeadNotificationFailed, lead_notify
from leads.models import Lead, LeadAccess
from leads.privacy import erase_person
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("lead_access:report")


def personal_values(lead):
    return [lead.full_name, lead.email, str(lead.phone), lead.message]


def assert_no_personal_data(entry, lead):
    text = f"{entry.summary} {entry.actor_name} {entry}"
    for value in personal_values(lead):
        assert value.lower() not in text.lower()


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    return client


def test_viewing_a_lead_records_who_and_when(desk, front_desk):
    lead = LeadFactory()

    desk.get(reverse("lead_admin:detail", args=[lead.pk]))

    entry = LeadAccess.objects.get()
    assert entry.kind == LeadAccess.Kind.VIEWED
    assert entry.actor == front_desk and entry.actor_name == front_desk.get_full_name()
    assert entry.lead_ids == [lead.pk]
    assert timezone.now() - entry.created_at < datetime.timedelta(minutes=1)
    assert_no_personal_data(entry, lead)


def test_someone_without_lead_permission_leaves_no_view_entry(client, editor):
    lead = LeadFactory()
    client.force_login(editor)

    client.get(reverse("lead_admin:detail", args=[lead.pk]))

    assert not LeadAccess.objects.exists()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exporting_the_list_records_format_filters_and_count_but_not_the_search_words(
    desk, front_desk, export_format
):
    searched = LeadFactory(first_name="Ottoline", status=Lead.Status.CONTACTED)
    LeadFactory(first_name="Ottoline", status=Lead.Status.NEW)

    response = desk.get(
        reverse("lead_admin:index"), {"export": export_format, "status": "contacted", "q": "Ottoline"}
    )
    if export_format == "csv":
        b"".join(response.streaming_content)

    entry = LeadAccess.objects.get()
    assert entry.kind == LeadAccess.Kind.LIST_EXPORTED and entry.actor == front_desk
    assert entry.lead_count == 1
    assert entry.summary.startswith(export_format.upper())
    assert "Status: Contacted" in entry.summary
    assert "Search: yes" in entry.summary and "Ottoline" not in entry.summary
    assert_no_personal_data(entry, searched)


def test_exporting_a_persons_data_records_their_lead_numbers_not_their_address(client, admin_user):
    first = LeadFactory(email="ana@example.com")
    second = LeadFactory(email="ana@example.com")
    client.force_login(admin_user)

    client.post(
        reverse("lead_admin:privacy"),
        {"action": "export", "email": "ana@example.com", "leads": [first.pk, second.pk]},
    )

    entry = LeadAccess.objects.get()
    assert entry.kind == LeadAccess.Kind.PERSON_EXPORTED and entry.actor == admin_user
    assert sorted(entry.lead_ids) == sorted([first.pk, second.pk]) and entry.lead_count == 2
    assert_no_personal_data(entry, first)


def test_each_email_sent_about_a_lead_is_recorded_without_addresses(practice, settings):
    settings.LEADS_PATIENT_CONFIRMATION = True
    lead = LeadFactory()

    lead_notify(lead_id=lead.pk)

    to_practice, to_patient = LeadAccess.objects.order_by("id")
    assert to_practice.summary == f"New consultation request #{lead.pk} — to the practice inbox (1)"
    assert to_patient.summary.endswith("— to the patient")
    for entry in (to_practice, to_patient):
        assert entry.kind == LeadAccess.Kind.EMAILED and entry.actor is None
        assert entry.lead_ids == [lead.pk]
        assert practice.email not in entry.summary
        assert_no_personal_data(entry, lead)


def test_a_failed_send_records_no_email(practice, monkeypatch):
    lead = LeadFactory()

    def refuse(messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("leads.delivery.send_emails", refuse)
    with pytest.raises(LeadNotificationFailed, match="^ConnectionRefusedError$"):
        lead_notify(lead_id=lead.pk)

    assert not LeadAccess.objects.exists()


def trail():
    return list(
        LeadAccess.objects.values_list("kind", "leads__lead_id", "summary", "actor_name").order_by("id")
    )


def test_the_trail_outlives_erasure_and_the_retention_purge(desk, practice):
    erased, purged = LeadFactory(email="ana@example.com"), LeadFactory()
    for lead in (erased, purged):
        desk.get(reverse("lead_admin:detail", args=[lead.pk]))
        lead_notify(lead_id=lead.pk)
    before = trail()
    Lead.objects.filter(pk=purged.pk).update(updated_at=timezone.now() - datetime.timedelta(days=800))

    erase_person(email="ana@example.com", lead_ids=[erased.pk])
    call_command("apply_lead_retention", verbosity=0)
    Lead.objects.filter(pk=purged.pk).delete()

    assert Lead.objects.get(pk=erased.pk).anonymised_at is not None
    after = trail()
    assert after == [*before, (LeadAccess.Kind.ERASED, erased.pk, "1 request", "")] and len(before) == 4
    for entry in LeadAccess.objects.all():
        assert_no_personal_data(entry, erased)
        assert_no_personal_data(entry, purged)


def test_only_admins_see_the_trail(client, desk, admin_user, practice):
    LeadFactory()
    lead_notify(lead_id=Lead.objects.get().pk)

    assert desk.get(REPORT).status_code in (302, 403)
    assert "Lead data access" not in desk.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(admin_user)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert "Email sent about a lead" in response.content.decode()


def test_the_trail_filters_by_lead_and_cannot_be_edited_in_the_admin(admin_client):
    wanted, other = LeadFactory(), LeadFactory()
    for lead in (wanted, other):
        admin_client.get(reverse("lead_admin:detail", args=[lead.pk]))

    html = admin_client.get(REPORT, {"lead": wanted.pk}).content.decode()

    cells = re.findall(r"#\d+", html.split('<table class="listing">')[1])
    assert cells == [f"#{wanted.pk}"]
    assert admin_client.post(REPORT).status_code == 405
    assert LeadAccess.objects.count() == 2


def test_the_trail_exports_the_lead_numbers_of_each_entry(admin_client, admin_user):
    first, second = LeadFactory(email="ana@example.com"), LeadFactory(email="ana@example.com")
    admin_client.post(
        reverse("lead_admin:privacy"),
        {"action": "export", "email": "ana@example.com", "leads": [first.pk, second.pk]},
    )

    response = admin_client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Lead numbers"] for row in rows] == [f"{first.pk}, {second.pk}"]


def test_each_page_of_the_inbox_records_its_leads_and_count_but_not_the_search_words(desk, front_desk):
    found = LeadFactory.create_batch(2, first_name="Ottoline", status=Lead.Status.CONTACTED)
    LeadFactory(first_name="Ottoline", status=Lead.Status.NEW)

    response = desk.get(reverse("lead_admin:index"), {"status": "contacted", "q": "Ottoline"})

    assert response.status_code == 200
    entry = LeadAccess.objects.get()
    assert entry.kind == LeadAccess.Kind.LISTED and entry.actor == front_desk
    assert entry.lead_count == 2 and entry.lead_ids == sorted(lead.pk for lead in found)
    assert "Status: Contacted" in entry.summary
    assert "Search: yes" in entry.summary and "Ottoline" not in entry.summary
    assert_no_personal_data(entry, found[0])


def test_the_inbox_refreshed_by_its_filters_is_recorded_too(desk):
    LeadFactory.create_batch(3)

    desk.get(reverse("lead_admin:index_results"), {"status": "new"})

    entry = LeadAccess.objects.get()
    assert entry.kind == LeadAccess.Kind.LISTED and entry.lead_count == 3


def test_a_bulk_action_records_the_leads_on_its_confirmation_page_and_when_confirmed(desk, front_desk):
    leads = LeadFactory.create_batch(2)
    url = "/admin/bulk/leads/lead/mark_spam/?" + "&".join(f"id={lead.pk}" for lead in leads)

    desk.get(url)
    desk.post(url, {})

    shown, done = LeadAccess.objects.order_by("id")
    ids = sorted(lead.pk for lead in leads)
    assert (shown.kind, shown.lead_ids, shown.actor) == (LeadAccess.Kind.LISTED, ids, front_desk)
    assert shown.summary == "Bulk action to confirm: Mark as spam"
    assert (done.kind, done.lead_ids, done.actor) == (LeadAccess.Kind.BULK_ACTION, ids, front_desk)
    assert done.summary == "Mark as spam: 2 leads"
