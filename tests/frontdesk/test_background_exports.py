"""Large XLSX exports run through the task queue: progress, then a download for the requester only."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from frontdesk import background_exports
from frontdesk.models import LeadExport
from frontdesk.tasks import build_lead_export
from leads.models import Lead, LeadAccess
from tests.leads.factories import LeadFactory, StaffFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("lead_admin:index")


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch):
    """Three leads count as a large export here, as 5,000 do in production."""
    monkeypatch.setattr(background_exports, "BACKGROUND_ROWS", 2)


def run_queued_task(export):
    """Run the queued task's function as the worker would (the worker itself, which needs its
    own transactions, is tested in tests/leads/test_notifications.py)."""
    task = DBTaskResult.objects.get(task_path="frontdesk.tasks.build_lead_export")
    assert task.args_kwargs["args"] == [export.pk]
    return build_lead_export.call(*task.args_kwargs["args"])


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    return client


@pytest.fixture
def queued(desk):
    """An XLSX export of the three new leads, asked for and queued, with one spam lead left out."""
    LeadFactory.create_batch(3, first_name="Ottoline")
    LeadFactory(status=Lead.Status.SPAM)
    response = desk.get(INDEX, {"export": "xlsx", "q": "Ottoline"})
    export = LeadExport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "lead_admin:export", args=[export.pk]
    )
    return export


def test_a_large_xlsx_export_is_queued_and_its_page_shows_progress(desk, queued):
    task = DBTaskResult.objects.get(task_path="frontdesk.tasks.build_lead_export")
    assert task.args_kwargs["args"] == [queued.pk]

    response = desk.get(reverse("lead_admin:export", args=[queued.pk]))

    assert response.status_code == 200
    assert response["Refresh"] == "3"
    html = response.content.decode()
    assert "0 of 3 written" in html and "<progress" in html
    assert not LeadAccess.objects.filter(kind=LeadAccess.Kind.LIST_EXPORTED).exists()


def test_the_worker_writes_it_and_its_requester_downloads_it_audited(desk, front_desk, queued):
    run_queued_task(queued)

    queued.refresh_from_db()
    assert (queued.state, queued.done) == (LeadExport.State.READY, 3)
    assert queued.query == ""  # the search words are not kept once the file is written
    page = desk.get(reverse("lead_admin:export", args=[queued.pk]))
    assert "Refresh" not in page and "Download the spreadsheet" in page.content.decode()

    response = desk.get(reverse("lead_admin:export_download", args=[queued.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="leads-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("ID", "Created at", "First name")
    assert [row[2] for row in rows[1:]] == ["Ottoline"] * 3
    entry = LeadAccess.objects.get(kind=LeadAccess.Kind.LIST_EXPORTED)
    assert entry.actor == front_desk and entry.lead_count == 3
    assert entry.summary == "XLSX; Search: yes (the words searched for are not kept)"


def test_clicking_again_while_it_is_written_opens_the_same_export_not_a_second_one(desk, front_desk, queued):
    again = desk.get(INDEX, {"export": "xlsx", "q": "Ottoline"})

    assert again["Location"] == reverse("lead_admin:export", args=[queued.pk])
    assert LeadExport.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path="frontdesk.tasks.build_lead_export").count() == 1

    run_queued_task(queued)
    desk.get(INDEX, {"export": "xlsx", "q": "Ottoline"})  # once written, a click asks anew
    desk.get(INDEX, {"export": "xlsx", "q": "Otto"})  # and another list is another export
    assert LeadExport.objects.filter(requested_by=front_desk).count() == 3
    colleague = StaffFactory(groups=["Front desk"])
    desk.force_login(colleague)
    desk.get(INDEX, {"export": "xlsx", "q": "Ottoline"})  # never someone else's export
    assert LeadExport.objects.filter(requested_by=colleague).count() == 1


def test_nobody_else_can_see_or_download_it(client, queued):
    run_queued_task(queued)
    colleague = StaffFactory(groups=["Front desk"])
    client.force_login(colleague)

    assert client.get(reverse("lead_admin:export", args=[queued.pk])).status_code == 404
    assert client.get(reverse("lead_admin:export_download", args=[queued.pk])).status_code == 404
    assert not LeadAccess.objects.filter(kind=LeadAccess.Kind.LIST_EXPORTED).exists()


def test_an_expired_export_is_gone_and_deleted_by_the_next_one(desk, queued):
    run_queued_task(queued)
    LeadExport.objects.filter(pk=queued.pk).update(expires_at=timezone.now())

    response = desk.get(reverse("lead_admin:export_download", args=[queued.pk]))

    assert response.status_code == 410
    assert "This export has expired" in response.content.decode()
    assert not LeadAccess.objects.filter(kind=LeadAccess.Kind.LIST_EXPORTED).exists()
    desk.get(INDEX, {"export": "xlsx"})
    assert not LeadExport.objects.filter(pk=queued.pk).exists()


def test_the_file_is_offered_only_when_ready(desk, queued):
    response = desk.get(reverse("lead_admin:export_download", args=[queued.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("lead_admin:export", args=[queued.pk])


def test_a_large_csv_export_still_streams_at_once(desk):
    LeadFactory.create_batch(3)

    response = desk.get(INDEX, {"export": "csv"})

    assert response.status_code == 200 and response.streaming
    assert len(b"".join(response.streaming_content).decode().splitlines()) == 4
    assert not LeadExport.objects.exists()
