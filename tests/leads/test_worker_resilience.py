"""The lead worker and the sweeper keep going when the database drops out under them."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.management.commands import db_worker as upstream

from leads.management.commands import db_worker, sweep_lead_notifications


class Stop(Exception):
    """Ends an endless loop in a test."""


def worker(**overrides):
    options = {
        "queue_names": ["leads"],
        "interval": 0,
        "batch": False,
        "backend_name": "leads",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test",
        "excluded_queue_names": [],
    }
    return db_worker.ResilientWorker(**{**options, **overrides})


@pytest.mark.django_db  # the retry closes broken connections; SQLite's test one is open
def test_the_worker_starts_its_loop_again_after_the_database_restarts(monkeypatch):
    calls = []

    def loop(self):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return "stopped normally"

    monkeypatch.setattr(upstream.Worker, "run", loop)
    monkeypatch.setattr(db_worker.time, "sleep", lambda seconds: None)

    assert worker().run() == "stopped normally"
    assert len(calls) == 2


def test_a_worker_told_to_stop_does_not_start_again(monkeypatch):
    def loop(self):
        self.running = False  # SIGTERM arrived, then the database went away
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(upstream.Worker, "run", loop)

    with pytest.raises(OperationalError):
        worker().run()


def test_manage_py_db_worker_is_the_resilient_one():
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "leads"


@pytest.mark.django_db  # the retry closes broken connections; SQLite's test one is open
def test_the_sweeper_skips_a_round_when_the_database_is_down_and_carries_on(monkeypatch):
    rounds = []

    def sweep(*, limit):
        rounds.append(limit)
        if len(rounds) == 1:
            raise OperationalError("connection refused")
        return 0

    def sleep(seconds):
        if len(rounds) == 2:
            raise Stop

    monkeypatch.setattr(sweep_lead_notifications, "notifications_requeue", sweep)
    monkeypatch.setattr(sweep_lead_notifications, "notification_tasks_prune", lambda: 0)
    monkeypatch.setattr(sweep_lead_notifications.time, "sleep", sleep)

    with pytest.raises(Stop):
        call_command("sweep_lead_notifications", every=1, verbosity=0)
    assert len(rounds) == 2


def test_a_single_sweep_reports_a_database_error(monkeypatch):
    def sweep(*, limit):
        raise OperationalError("connection refused")

    monkeypatch.setattr(sweep_lead_notifications, "notifications_requeue", sweep)

    with pytest.raises(OperationalError):
        call_command("sweep_lead_notifications", verbosity=0)
