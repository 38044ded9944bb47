"""The task worker (lead notifications, background exports) keeps going when the database drops
out under it."""

import pytest
from django.db import OperationalError
from django_tasks_db.management.commands import db_worker as upstream

from practice.management.commands import db_worker


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

    assert get_commands()["db_worker"] == "practice"
