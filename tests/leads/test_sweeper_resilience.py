"""The notification sweeper keeps going when the database drops out under it."""

import pytest
from django.core.management import call_command
from django.db import OperationalError

from leads.management.commands import sweep_lead_notifications


class Stop(Exception):
    """Ends an endless loop in a test."""


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
