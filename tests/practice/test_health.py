"""The health-check URL a load balancer and a monitor poll."""

from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from practice import health

pytestmark = pytest.mark.django_db


def queue_task(status, **fields):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="leads.tasks.notify_practice",
        backend_name="leads",
        queue_name="leads",
        run_after=fields.pop("run_after", now),
        **fields,
    )


def test_health_reports_database_and_an_empty_queue(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert "no-cache" in response.headers["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok"}
    assert body["task_queue"]["ready"] == 0
    assert body["task_queue"]["oldest_ready_seconds"] is None


def test_health_counts_tasks_by_state_and_ages_the_oldest(client):
    now = timezone.now()
    queue_task("READY", run_after=now - timedelta(minutes=10))
    queue_task("READY")
    queue_task("READY", run_after=now + timedelta(hours=1))  # not due yet, so not late
    queue_task("RUNNING", started_at=now - timedelta(minutes=2))
    queue_task("FAILED")
    queue_task("SUCCESSFUL")

    queue = client.get("/healthz").json()["task_queue"]

    assert (queue["ready"], queue["running"], queue["failed"]) == (3, 1, 1)
    assert 590 < queue["oldest_ready_seconds"] < 700
    assert 110 < queue["oldest_running_seconds"] < 200


def test_health_alarms_on_a_task_running_for_more_than_15_minutes(client):
    now = timezone.now()
    queue_task("RUNNING", started_at=now - timedelta(minutes=14))
    assert client.get("/healthz").json()["alarms"] == []

    # A worker killed with SIGKILL leaves its task "running" for ever.
    queue_task("RUNNING", started_at=now - timedelta(minutes=16))
    response = client.get("/healthz")

    # Reported for the monitor; the load balancer still keeps this web server.
    assert response.status_code == 200
    assert response.json()["alarms"] == ["tasks_stuck_running"]
    assert response.json()["task_queue"]["stuck_running"] == 1


def test_health_fails_with_503_when_the_database_is_unreachable(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert "entries" in body.pop("memo")  # the process's own figures, no database needed
    assert body == {
        "status": "error",
        "alarms": [],
        "database": {"status": "error"},
        "task_queue": {"status": "unknown"},
    }


def test_health_says_so_when_no_task_queue_is_installed(client, monkeypatch):
    installed = health.apps.is_installed
    monkeypatch.setattr(
        health.apps, "is_installed", lambda name: name != "django_tasks_db" and installed(name)
    )

    assert client.get("/healthz").json()["task_queue"] == {"status": "not_installed"}


def test_health_accepts_only_reads(client):
    assert client.post("/healthz").status_code == 405


def test_health_shows_only_the_status_outside_the_internal_network(client):
    response = client.get("/healthz", REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_details_behind_a_proxy_go_by_the_visitor_address(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]

    outside = client.get("/healthz", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7").json()
    inside = client.get("/healthz", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="10.1.2.3").json()

    assert outside == {"status": "ok"}
    assert "task_queue" in inside


def test_health_from_outside_still_fails_with_503_when_the_database_is_down(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())

    response = client.get("/healthz", REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 503
    assert response.json() == {"status": "error"}
