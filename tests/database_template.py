"""Each test process's database starts as a copy of one migrated once, not migrated from nothing.

Migrating every app costs about a minute of CPU per test database, and `make test` creates one
per xdist worker on each of two databases. The first worker to arrive migrates a template under a
file lock, the others wait for it, then each copies it: PostgreSQL with `CREATE DATABASE ...
TEMPLATE`, SQLite by copying the file. The template's name carries a digest of every migration (the
test-only app's too) and requirement file, so changing either makes a new one; Django's own migrate
still runs on each copy and finds nothing left to do.
"""

import fcntl
import hashlib
import os
import shutil
import subprocess  # nosec B404: runs this project's own migrate
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def schema_digest():
    digest = hashlib.sha256()
    sources = [
        *ROOT.glob("*/migrations/*.py"),
        *ROOT.glob("requirements*.txt"),
        *ROOT.glob("tests/*/migrations/*.py"),
    ]
    for path in sorted(sources):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    # An app added in settings brings its package's migrations, which live outside the repository.
    digest.update(repr(settings.INSTALLED_APPS).encode())
    return digest.hexdigest()[:12]


def migrate(database_url):
    """Run migrate in a child process, with the test settings, on the database the URL names
    (tests.migrations: Django's migrate, a little faster)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "practice.settings.test"}
    command = [sys.executable, "-m", "tests.migrations"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603  # nosec B603


def sqlite_template(database):
    """A migrated SQLite file beside the one DATABASE_URL names."""
    template = Path(database["NAME"]).with_name(f"test-template-{schema_digest()}.sqlite3")
    if not template.exists():
        # Named by process: other test runs on the machine may share the directory, and the lock
        # below is per test database, not per directory.
        partial = template.with_suffix(f".{os.getpid()}.partial")
        migrate(f"sqlite:///{partial.resolve()}")
        partial.replace(template)
    return template


def migrated_sqlite_copy(destination):
    """A migrated SQLite database at `destination`, copied from this run's template (SQLite runs)."""
    shutil.copyfile(sqlite_template(settings.DATABASES["default"]), destination)


def postgresql_template(database):
    """A migrated database on the same server, renamed into place only once migrate succeeded."""
    template = f"{database['NAME']}_template_{schema_digest()}"
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if cursor.fetchone():
            return template
        partial = f"{template}_partial"
        cursor.execute(f'DROP DATABASE IF EXISTS "{partial}"')
        cursor.execute(f'CREATE DATABASE "{partial}"')
    migrate(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{partial}").geturl())
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{partial}" RENAME TO "{template}"')
    return template


def migrated_copy(name):
    """A migrated database named `name`, copied from this run's template, on the test database's
    server (a file beside it on SQLite)."""
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        shutil.copyfile(sqlite_template(database), name)
        return
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{database["TEST"]["TEMPLATE"]}"')


def lock_path(database):
    where = f"{database.get('HOST')}:{database.get('PORT')}:{database['NAME']}"
    name = hashlib.sha256(where.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"practice-test-template-{name}.lock"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    database = settings.DATABASES["default"]
    with open(lock_path(database), "w") as lock, django_db_blocker.unblock():
        fcntl.flock(lock, fcntl.LOCK_EX)
        if connection.vendor == "postgresql":
            database["TEST"]["TEMPLATE"] = postgresql_template(database)
            return
        template = sqlite_template(database)
    # A file, not memory, so that there is something to copy; the pragma keeps it as fast.
    # Named after the run's own database too: other runs on the machine may share its directory.
    copy = template.with_name(f"{Path(database['NAME']).stem}-test-{WORKER}.sqlite3")
    shutil.copyfile(template, copy)
    database["TEST"]["NAME"] = str(copy)
    database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF;"


@pytest.fixture(scope="session")
def django_db_keepdb():
    """On SQLite, keep the copy made above: Django would otherwise delete the file and migrate anew.

    On PostgreSQL, never keep a test database between runs, whatever --reuse-db says: copying the
    template takes a second, and a kept one is as the last run left it, emptied by its last
    transactional test, so the next run would snapshot an empty database for serialized rollback
    and its tests would find no root page, locale or content types.
    """
    return connection.vendor == "sqlite"
