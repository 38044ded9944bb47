from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection


def test_the_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")
