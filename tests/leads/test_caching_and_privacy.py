"""Nothing personal is kept by a cache, and nothing personal reaches logs or error emails."""

import logging

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from leads.models import Lead

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def assert_not_stored(response):
    assert "no-store" in response.headers.get("Cache-Control", ""), response.headers.get("Cache-Control")


@pytest.mark.parametrize(
    ("name", "query"),
    [
        pytest.param("index", {}, id="listing"),
        pytest.param("index_results", {}, id="listing-results"),
        pytest.param("detail", {}, id="detail"),
        pytest.param("report", {}, id="report"),
        pytest.param("privacy", {}, id="privacy"),
        pytest.param("index", {"export": "csv"}, id="csv-export"),
        pytest.param("index", {"export": "xlsx"}, id="xlsx-export"),
    ],
)
def test_every_lead_admin_view_is_never_stored_by_a_cache(client, front_desk, manager, name, query):
    lead = LeadFactory()
    client.force_login(manager if name == "privacy" else front_desk)
    args = [lead.pk] if name == "detail" else []

    response = client.get(reverse(f"lead_admin:{name}", args=args), query)

    assert response.status_code == 200
    assert_not_stored(response)


@pytest.mark.parametrize(
    ("change", "status"),
    [
        pytest.param({}, 302, id="accepted"),
        pytest.param({"email": "not-an-email"}, 200, id="invalid"),
    ],
)
def test_the_form_post_response_is_never_stored(send, change, status):
    response = send(valid_answers(**change))
    assert response.status_code == status
    assert_not_stored(response)


def test_a_refused_post_is_never_stored(send, answers, settings):
    cross_site = send(answers, HTTP_ORIGIN="https://evil.example")
    assert cross_site.status_code == 403
    assert_not_stored(cross_site)
    settings.LEADS_RATE_LIMIT = "0/m"
    limited = send(valid_answers())
    assert limited.status_code == 429
    assert_not_stored(limited)


def test_the_thank_you_page_is_never_stored(client, practice):
    assert_not_stored(client.get(reverse("leads:thank_you")))


def test_the_notification_task_carries_only_the_lead_id(send, answers):
    send(answers)
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [Lead.objects.get().pk], "kwargs": {}}


def test_a_crash_while_saving_leaves_no_personal_data_in_logs_or_the_error_email(
    client, practice, settings, monkeypatch, caplog
):
    settings.ADMINS = [("ops", "ops@clinic.example")]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False

    def crash(**kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr("leads.views.lead_create", crash)
    # Names no setting holds: the report lists LANGUAGES, where a random "Georgia" is in "Georgian".
    answers = valid_answers(
        first_name="Philippa",
        last_name="Quennell-Ashdown",
        message="About my rosacea and the scar on my cheek",
    )
    client.raise_request_exception = False
    with caplog.at_level(logging.INFO):
        response = client.post(
            reverse("leads:consultation"), answers, HTTP_ORIGIN="http://testserver", REMOTE_ADDR="203.0.113.7"
        )

    assert response.status_code == 500
    assert "Traceback" not in response.content.decode()
    assert len(mail.outbox) == 1
    report = mail.outbox[0]
    texts = [report.subject, report.body, *(content for content, _ in getattr(report, "alternatives", []))]
    logged = [record.getMessage() for record in caplog.records] + [caplog.text]
    for value in (
        answers["first_name"],
        answers["last_name"],
        answers["email"],
        answers["message"],
        "203.0.113.7",
    ):
        for text in texts + logged:
            assert value not in text
    # The number formats differently in the POST dump; its digits must not be there either.
    digits = answers["phone"].replace(" ", "")
    assert all(digits not in text.replace(" ", "") for text in texts)
