import pytest
from django_tasks_db.models import DBTaskResult

from leads.models import Lead, LeadEvent
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def bulk_url(action, *leads, **params):
    ids = "&".join(f"id={lead.pk}" for lead in leads)
    extra = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/admin/bulk/leads/lead/{action}/?{ids}{extra}&next=/admin/leads/"


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    return client


def test_bulk_actions_are_offered_in_the_inbox(desk):
    LeadFactory()

    html = desk.get("/admin/leads/").content.decode()

    for label in ["Change status", "Assign", "Mark as spam", "Not spam"]:
        assert label in html
    assert "bulk-action-checkbox" in html


def test_bulk_status_change_applies_the_pipeline_to_each_lead(desk, front_desk):
    fresh = LeadFactory.create_batch(2)
    patient = LeadFactory(status=Lead.Status.PATIENT)

    confirm = desk.get(bulk_url("change_status", *fresh, patient))
    response = desk.post(bulk_url("change_status", *fresh, patient), {"to": "contacted"})

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert set(Lead.objects.filter(pk__in=[lead.pk for lead in fresh]).values_list("status", flat=True)) == {
        "contacted"
    }
    patient.refresh_from_db()
    assert patient.status == Lead.Status.PATIENT
    assert LeadEvent.objects.filter(kind="status", actor=front_desk).count() == 2


def test_bulk_assign(desk, front_desk):
    leads = LeadFactory.create_batch(3)

    desk.post(bulk_url("assign", *leads), {"assignee": front_desk.pk})

    assert Lead.objects.filter(assignee=front_desk).count() == 3
    assert LeadEvent.objects.filter(kind="assigned", assignee=front_desk).count() == 3


def test_bulk_mark_as_spam(desk):
    leads = LeadFactory.create_batch(2)
    kept = LeadFactory()

    desk.post(bulk_url("mark_spam", *leads), {})

    assert set(Lead.objects.filter(status="spam")) == set(leads)
    kept.refresh_from_db()
    assert kept.status == "new"


def test_bulk_not_spam_moves_spam_to_new_and_notifies_each(desk):
    spam = LeadFactory.create_batch(
        2, status=Lead.Status.SPAM, notification_state=Lead.NotificationState.NOT_NEEDED
    )
    contacted = LeadFactory(status=Lead.Status.CONTACTED)

    response = desk.post(bulk_url("mark_not_spam", *spam, contacted), {}, follow=True)

    assert set(Lead.objects.filter(status="new", notification_state="pending")) == set(spam)
    assert sorted(task.args_kwargs["args"][0] for task in DBTaskResult.objects.all()) == sorted(
        lead.pk for lead in spam
    )
    contacted.refresh_from_db()
    assert contacted.status == "contacted"
    assert "1 skipped" in response.content.decode()


def test_select_all_applies_to_the_filtered_listing_only(desk, front_desk):
    instagram = LeadFactory.create_batch(2, utm_source="instagram")
    google = LeadFactory(utm_source="google")

    desk.post("/admin/bulk/leads/lead/assign/?id=all&source=instagram", {"assignee": front_desk.pk})

    assert set(Lead.objects.filter(assignee=front_desk)) == set(instagram)
    google.refresh_from_db()
    assert google.assignee is None
