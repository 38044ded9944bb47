"""Serialized rollback puts back what migrations made in a few bulk inserts, not row by row.

Every transactional test (browser journeys, concurrency, migrations) starts from the rows migrations
made: Django restores them from a JSON snapshot before the test and empties the database after it.
Django saves each of the ~520 rows alone (an UPDATE, then an INSERT, with signals): ~0.35 s of CPU
per test on SQLite, ~3 s on a busy PostgreSQL. Into empty tables, which is what the flush after each
such test leaves, one INSERT per table restores the same rows. Tables that still hold rows (the
first transactional test of a worker) keep Django's own restore, which updates what is there.
"""

from collections import defaultdict

import pytest
from django.core import serializers
from django.db import transaction
from django.db.backends.base.creation import BaseDatabaseCreation


def rows_and_links(data, alias):
    """The snapshot's rows grouped by model (in the snapshot's order), and its many-to-many links as
    rows of their through tables."""
    rows, links = defaultdict(list), defaultdict(list)
    for deserialized in serializers.deserialize("json", data, using=alias):
        row = deserialized.object
        rows[type(row)].append(row)
        for name, pks in (deserialized.m2m_data or {}).items():
            field = row._meta.get_field(name)
            through = field.remote_field.through
            own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
            links[through].extend(through(**{f"{own}_id": row.pk, f"{other}_id": pk}) for pk in pks)
    return {**rows, **links}


def bulk_deserialize(creation, data):
    connection = creation.connection
    tables = rows_and_links(data, connection.alias)
    managers = {model: model._base_manager.using(connection.alias) for model in tables}
    if any(manager.exists() for manager in managers.values()):
        return django_deserialize(creation, data)
    with transaction.atomic(using=connection.alias), connection.constraint_checks_disabled():
        for model, rows in tables.items():
            # bulk_create refuses multi-table inheritance; the parent's row is a row of its own.
            if model._meta.parents:
                for row in rows:
                    row.save_base(using=connection.alias, raw=True)
            else:
                managers[model].bulk_create(rows)
        connection.check_constraints(table_names=[model._meta.db_table for model in tables])


django_deserialize = BaseDatabaseCreation.deserialize_db_from_string


@pytest.fixture(scope="session", autouse=True)
def bulk_serialized_rollback():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseCreation, "deserialize_db_from_string", bulk_deserialize)
        yield
