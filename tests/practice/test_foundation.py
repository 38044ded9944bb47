import os
from io import StringIO

import environ
import pytest
from django.core.management import call_command
from django.db import connection


def test_the_suite_runs_on_the_database_that_database_url_names():
    named = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    for key in ("ENGINE", "HOST", "PORT"):
        assert connection.settings_dict.get(key, "") == named.get(key, ""), key
    assert connection.vendor in ("postgresql", "sqlite")


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")
