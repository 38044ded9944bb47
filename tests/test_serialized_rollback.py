"""Transactional tests start from exactly the rows migrations made (tests/database_restore.py)."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_emptied_database_gets_back_every_row_migrations_made():
    snapshot = connection._test_serialized_contents
    # As Django empties the database after a transactional test: its sequences go on counting.
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)

    connection.creation.deserialize_db_from_string(snapshot)

    assert connection.creation.serialize_db_to_string() == snapshot


def test_rows_a_test_changed_are_put_back_as_migrations_made_them():
    snapshot = connection._test_serialized_contents
    Page.objects.filter(depth=1).update(title="Changed by a test")

    connection.creation.deserialize_db_from_string(snapshot)

    assert connection.creation.serialize_db_to_string() == snapshot
