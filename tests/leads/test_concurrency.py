"""Many patients at once against a live server on PostgreSQL: nothing lost, nothing doubled."""

import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from leads.abuse import make_form_token
from leads.models import Lead

from .conftest import valid_answers
from .test_notifications import run_worker

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql_only(
        "many writers at once: SQLite takes one writer at a time, and its shared in-memory test "
        "database refuses a second with 'table is locked' instead of waiting"
    ),
]

REQUESTS = 200
THREADS = 16


def post(url, answers, client_ip):
    """Send the form as a browser behind our proxy would; the HTTP status the patient saw."""
    request = urllib.request.Request(  # noqa: S310 (our live server)
        url,
        data=urlencode(answers).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": url.split("/consultation/")[0],
            "X-Forwarded-For": client_ip,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our live server)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def behind_one_proxy(settings):
    """Each simulated patient has their own address, as the proxy in front of the app reports it."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]


def test_200_concurrent_requests_make_200_leads_and_200_notifications(
    live_server, practice, behind_one_proxy
):
    url = live_server.url + "/consultation/"
    # Every patient loaded the same cached page: one token for all, no JavaScript key.
    token = make_form_token(issued_at=time.time() - 60)
    submissions = [
        (valid_answers(form_token=token, client_key=""), f"10.0.{i // 200}.{i % 200 + 1}")
        for i in range(REQUESTS)
    ]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(lambda args: post(url, *args), submissions))

    assert statuses == [200] * REQUESTS  # each followed its redirect to the thank-you page
    assert Lead.objects.count() == REQUESTS
    assert Lead.objects.values("idempotency_key").distinct().count() == REQUESTS
    queued = DBTaskResult.objects.filter(task_path="leads.tasks.send_lead_notification", status="READY")
    assert queued.count() == REQUESTS
    assert sorted(task.args_kwargs["args"][0] for task in queued) == sorted(
        Lead.objects.values_list("pk", flat=True)
    )

    run_worker()
    assert len(mail.outbox) == REQUESTS
    assert not Lead.objects.exclude(notification_state=Lead.NotificationState.SENT).exists()


def test_the_same_request_sent_ten_times_at_once_makes_one_lead(live_server, practice, behind_one_proxy):
    url = live_server.url + "/consultation/"
    answers = valid_answers()

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda _: post(url, answers, "10.9.9.9"), range(10)))

    assert set(statuses) <= {200, 429}
    assert Lead.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_a_burst_from_one_address_is_rate_limited_and_refused_requests_create_nothing(
    live_server, practice, behind_one_proxy, rate_limit
):
    rate_limit("5/m")
    url = live_server.url + "/consultation/"

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: post(url, valid_answers(), "10.8.8.8"), range(20)))

    assert statuses.count(200) == 5
    assert statuses.count(429) == 15
    assert Lead.objects.count() == 5
