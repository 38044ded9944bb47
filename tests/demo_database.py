"""The demo practice in a database of its own, loaded once per test process instead of once per
test module or journey.

Loading the demo costs about 11 s of CPU, and a dozen modules and browser journeys need it, on each
of the two databases `make test` runs. Each xdist worker loads it once, into a migrated copy beside
its test database (tests/database_template.py), and what needs the demo points the connection there:

- `demo_site` (a whole module): the module's tests run in a transaction on the demo database,
  rolled back after its last test, so the demo stays as loaded;
- `committed_demo` (one test): a throwaway copy of the demo database, for a live server and a
  browser, which must see committed rows and may add their own.

The demo's images are files in the process's in-memory storage (settings.test), so each worker
loads its own demo: a database loaded by another process would name files this one lacks.
"""

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from tests.database_template import migrated_copy
from tests.module_scope import kept_for_the_module
from tests.public_pages import load_demo


def point_connection_at(name):
    connection.close()
    connection.settings_dict["NAME"] = name


@contextmanager
def connected_to(name):
    """The default connection, and every connection opened meanwhile (a live server's), on the
    database `name`."""
    own = connection.settings_dict["NAME"]
    point_connection_at(name)
    try:
        yield
    finally:
        point_connection_at(own)


def sibling_name(suffix):
    """A database named after this worker's test database, which names the worker and the run, so
    that workers and test runs sharing the machine (or the PostgreSQL server) never meet."""
    own = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return str(Path(own).with_name(f"{Path(own).stem}-{suffix}.sqlite3"))
    return f"{own}_{suffix}"


def copy_database(source, name):
    """A copy named `name` of the database `source`, which no connection may be using."""
    if connection.vendor == "sqlite":
        shutil.copyfile(source, name)
        return
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')


def drop_database(name):
    if connection.vendor == "sqlite":
        Path(name).unlink(missing_ok=True)
        return
    with connection._nodb_cursor() as cursor:
        # FORCE: a live server's request threads may not have closed theirs yet.
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """The name of this worker's database holding the demo practice, loaded and committed."""
    with django_db_blocker.unblock():
        name = sibling_name("demo")
        migrated_copy(name)
        with connected_to(name):
            load_demo()
        yield name
        drop_database(name)


@pytest.fixture(scope="module")
def demo_site(demo_database, django_db_blocker):
    """The demo practice for a whole module (`pytestmark = pytest.mark.usefixtures("demo_site")`):
    each test's own transaction is a savepoint in the module's, rolled back after its last test.
    Not for transactional or live-server tests, which cannot see uncommitted rows: `committed_demo`."""
    with django_db_blocker.unblock(), connected_to(demo_database), kept_for_the_module(django_db_blocker):
        yield


@pytest.fixture
def committed_demo(demo_database, django_db_blocker):
    """The demo practice, committed, in a copy of its own for this test: a live server sees it, and
    what the test adds is gone with the copy. Ask for it before `live_server` and the browser."""
    with django_db_blocker.unblock():
        name = sibling_name("demo_copy")
        copy_database(demo_database, name)
        with connected_to(name):
            yield
        drop_database(name)
