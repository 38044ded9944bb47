"""The demo practice in a database of its own, loaded once per test process instead of once per
test module or journey.

Loading the demo costs about 15 s of CPU, and a dozen modules and browser journeys need it, on each
of the two databases `make test` runs. Each xdist worker has it once, in a database beside its test
database, and what needs the demo points the connection there:

- `demo_site` (a whole module): the module's tests run in a transaction on the demo database,
  rolled back after its last test, so the demo stays as loaded;
- `committed_demo` (one test): a throwaway copy of the demo database, for a live server and a
  browser, which must see committed rows and may add their own.

Under xdist the first worker of a run to need the demo loads it, once for the run, under a lock
the others wait on, and each copies it. The demo's images are files in the loading process's
in-memory storage (settings.test): it writes them to a directory of the run, which every other
worker reads into its own storage, so that the copies name no file their process lacks. The
controller removes the run's demo when the run ends.
"""

import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from pytest_django.plugin import blocking_manager_key

from tests.database_template import migrated_copy
from tests.media_storage import export_files, file_names, import_files
from tests.module_scope import kept_for_the_module
from tests.public_pages import load_demo

# The xdist run this worker belongs to (None in the controller and without xdist).
RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID")


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


def load_demo_into(name):
    """Load the demo into a new migrated database `name`; the names of the files it stored."""
    migrated_copy(name)
    before = set(file_names(default_storage))
    with connected_to(name):
        load_demo()
    return set(file_names(default_storage)) - before


def demo_files_of(run):
    return Path(tempfile.gettempdir()) / f"practice-test-demo-{run}"


def demo_database_of(run):
    if connection.vendor == "sqlite":
        return str(Path(connection.settings_dict["NAME"]).with_name(f"practice-test-demo-{run}.sqlite3"))
    return f"practice_test_demo_{run}"


def demo_of_the_run(run):
    """The name of the run's demo database, loaded by the first worker to ask, its files in this
    process's storage."""
    files = demo_files_of(run)
    with open(f"{files}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not files.exists():
            partial = Path(f"{files}.partial")
            shutil.rmtree(partial, ignore_errors=True)  # left by a worker that died loading
            partial.mkdir()
            export_files(default_storage, load_demo_into(demo_database_of(run)), partial)
            partial.rename(files)
    import_files(default_storage, files)
    return demo_database_of(run)


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """The name of this worker's database holding the demo practice, loaded and committed."""
    with django_db_blocker.unblock():
        name = sibling_name("demo")
        if RUN:
            copy_database(demo_of_the_run(RUN), name)
        else:
            load_demo_into(name)
        yield name
        drop_database(name)


runs = set()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """(xdist controller) Note the run its workers share, to remove its demo at the end."""
    runs.add(node.workerinput["testrunuid"])


def pytest_sessionfinish(session):
    for run in runs:
        with session.config.stash[blocking_manager_key].unblock():
            drop_database(demo_database_of(run))
        shutil.rmtree(demo_files_of(run), ignore_errors=True)
        Path(f"{demo_files_of(run)}.lock").unlink(missing_ok=True)


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
