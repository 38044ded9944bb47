"""Where the practice has several clinics, a front desk sees, searches, exports, works and reports
only its own clinics' leads; practice managers see them all (LeadQuerySet.visible_to)."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from frontdesk import background_exports
from frontdesk.models import LeadExport
from frontdesk.reports import build_report
from frontdesk.tasks import build_lead_export
from leads import audit
from leads.models import Lead
from staff.models import ClinicMembership
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory
from tests.leads.factories import LeadFactory, StaffFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("lead_admin:index")


@pytest.fixture
def leads(clinics):
    """One lead at each clinic and one from before the practice had two."""
    marylebone, richmond = clinics
    return {
        "ours": LeadFactory(clinic=marylebone, first_name="Ottoline", phone="+447700900101"),
        "theirs": LeadFactory(clinic=richmond, first_name="Perpetua", phone="+447700900202"),
        "unplaced": LeadFactory(clinic=None, first_name="Quentin", phone="+447700900303"),
    }


@pytest.fixture
def marylebone_desk(front_desk, clinics):
    ClinicMembership.objects.create(user=front_desk, clinic=clinics[0])
    return front_desk


@pytest.fixture
def desk(client, marylebone_desk):
    client.force_login(marylebone_desk)
    return client


def names(response):
    return response.content.decode()


def test_a_front_desk_sees_its_clinics_leads_and_those_with_no_clinic(marylebone_desk, leads):
    assert set(Lead.objects.visible_to(marylebone_desk)) == {leads["ours"], leads["unplaced"]}


def test_a_front_desk_in_two_teams_sees_both_clinics(marylebone_desk, clinics, leads):
    ClinicMembership.objects.create(user=marylebone_desk, clinic=clinics[1])

    assert Lead.objects.visible_to(marylebone_desk).count() == 3


def test_staff_in_no_team_see_only_leads_with_no_clinic(front_desk, leads):
    assert list(Lead.objects.visible_to(front_desk)) == [leads["unplaced"]]


def test_superusers_and_practice_managers_see_every_clinic(manager, leads):
    practice_manager = StaffFactory(groups=["Practice managers"])

    assert Lead.objects.visible_to(manager).count() == 3
    assert Lead.objects.visible_to(practice_manager).count() == 3


def test_a_practice_with_one_clinic_changes_nothing(home, front_desk):
    clinic = ClinicPageFactory(parent=ClinicIndexPageFactory(parent=home))
    LeadFactory.create_batch(2, clinic=clinic)
    LeadFactory(clinic=None)

    assert Lead.objects.visible_to(front_desk).count() == 3


def test_another_clinics_lead_is_not_in_the_inbox_nor_found_by_search(desk, leads):
    def listed(**params):
        return set(desk.get(INDEX, params).context["object_list"])

    assert listed() == {leads["ours"], leads["unplaced"]}
    assert listed(q="Perpetua") == set()
    assert listed(q="07700 900202") == set()


def test_another_clinics_lead_is_not_found_by_id(desk, leads):
    assert desk.get(reverse("lead_admin:detail", args=[leads["ours"].pk])).status_code == 200
    assert desk.get(reverse("lead_admin:detail", args=[leads["theirs"].pk])).status_code == 404
    note = {"action": "note", "note-text": "Called back"}
    assert desk.post(reverse("lead_admin:detail", args=[leads["theirs"].pk]), note).status_code == 404
    assert not leads["theirs"].events.exists()


def test_the_csv_export_holds_only_the_users_clinics(desk, leads):
    response = desk.get(INDEX, {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(row["First name"] for row in rows) == ["Ottoline", "Quentin"]


def test_a_background_export_holds_only_its_requesters_clinics(desk, leads, monkeypatch):
    monkeypatch.setattr(background_exports, "BACKGROUND_ROWS", 1)
    desk.get(INDEX, {"export": "xlsx"})
    export = LeadExport.objects.get()
    task = DBTaskResult.objects.get(task_path="frontdesk.tasks.build_lead_export")

    build_lead_export.call(*task.args_kwargs["args"])

    export.refresh_from_db()
    assert export.done == 2
    sheet = load_workbook(io.BytesIO(export.content)).active
    cells = {cell.value for row in sheet.iter_rows() for cell in row}
    assert "Ottoline" in cells and "Perpetua" not in cells


def bulk_url(action, *leads, **params):
    ids = "&".join(f"id={lead.pk}" for lead in leads)
    extra = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/admin/bulk/leads/lead/{action}/?{ids}{extra}&next=/admin/leads/"


def test_a_bulk_action_on_another_clinics_lead_is_not_found(desk, leads):
    assert desk.get(bulk_url("mark_spam", leads["theirs"])).status_code == 404
    assert desk.post(bulk_url("mark_spam", leads["theirs"])).status_code == 404

    leads["theirs"].refresh_from_db()
    assert leads["theirs"].status == Lead.Status.NEW


def test_a_bulk_action_skips_another_clinics_lead_named_beside_its_own(desk, leads):
    desk.post(bulk_url("mark_spam", leads["ours"], leads["theirs"]))

    assert set(Lead.objects.filter(status=Lead.Status.SPAM)) == {leads["ours"]}


def test_select_all_in_a_bulk_action_means_the_users_clinics(desk, leads):
    desk.post(bulk_url("mark_spam", leads["ours"], id="all"))

    assert set(Lead.objects.filter(status=Lead.Status.SPAM)) == {leads["ours"], leads["unplaced"]}


def test_the_lead_report_counts_only_the_users_clinics(desk, leads):
    response = desk.get(reverse("lead_admin:report"))

    assert response.context["report"].total == 2


def test_the_privacy_search_does_not_find_another_clinics_lead(desk, leads):
    response = desk.post(reverse("lead_admin:privacy"), {"action": "search", "phone": "07700 900202"})

    assert response.status_code == 200
    assert response.context["matches"] == []


def test_another_clinics_lead_cannot_be_exported_or_erased_by_its_id(client, marylebone_desk, leads):
    marylebone_desk.user_permissions.add(Permission.objects.get(codename="delete_lead"))
    client.force_login(marylebone_desk)
    theirs = {"phone": "07700 900202", "leads": [leads["theirs"].pk]}

    export = client.post(reverse("lead_admin:privacy"), {"action": "export", **theirs})
    erase = client.post(reverse("lead_admin:privacy"), {"action": "erase", "confirmed": "yes", **theirs})

    assert export.status_code == erase.status_code == 400
    leads["theirs"].refresh_from_db()
    assert leads["theirs"].anonymised_at is None


def test_the_dashboard_and_menu_count_only_the_users_clinics(desk, leads):
    html = names(desk.get("/admin/"))

    assert "<strong>2</strong> new" in html
    assert "Leads (2 new)" in html


def test_the_access_trail_hides_entries_about_another_clinics_leads(client, marylebone_desk, leads):
    marylebone_desk.user_permissions.add(Permission.objects.get(codename="view_leadaccess"))
    client.force_login(marylebone_desk)
    audit.record_person_exported(leads=[leads["ours"]], by=None)
    audit.record_person_exported(leads=[leads["theirs"]], by=None)

    html = names(client.get(reverse("lead_access:report")))

    assert f"#{leads['ours'].pk}" in html and f"#{leads['theirs'].pk}" not in html


def test_the_report_puts_each_clinics_figures_side_by_side(client, manager, leads):
    report = build_report(weeks=4)
    client.force_login(manager)

    html = names(client.get(reverse("lead_admin:report")))

    assert [(name, figures.total) for name, figures in report.by_clinic] == [
        ("Marylebone", 1),
        ("Richmond", 1),
        ("No clinic", 1),
    ]
    assert 'data-report="clinics"' in html and '<th scope="row">Richmond</th>' in html


def test_the_report_has_no_clinic_table_when_the_user_sees_one_clinic_only(desk, leads):
    leads["unplaced"].delete()

    html = names(desk.get(reverse("lead_admin:report")))

    assert "Ottoline" not in html  # a report, not a list
    assert 'data-report="pipeline"' in html and 'data-report="clinics"' not in html


def test_admins_put_staff_in_clinic_teams_and_a_second_membership_is_refused(
    client, manager, front_desk, clinics
):
    client.force_login(manager)
    add = reverse("clinic_teams:add")
    data = {"user": front_desk.pk, "clinic": clinics[0].pk}

    created = client.post(add, data)
    again = client.post(add, data)

    assert created.status_code == 302
    assert again.status_code == 200 and "already exists" in again.content.decode()
    assert ClinicMembership.objects.get().user == front_desk


def test_a_front_desk_cannot_change_clinic_teams(client, front_desk, clinics):
    client.force_login(front_desk)

    assert client.get(reverse("clinic_teams:index")).status_code in (302, 403)
