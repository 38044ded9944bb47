"""scripts/backup.sh and scripts/restore.sh bring every lead and upload back into a fresh database."""

import os
import subprocess
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from faker import Faker

from leads.models import Lead

SCRIPTS = settings.BASE_DIR / "scripts"
fake = Faker()

pytestmark = pytest.mark.postgresql_only("backups are pg_dump and pg_restore of the production database")


def database_url(name):
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"


def run(script, *args, **env):
    return subprocess.run(  # noqa: S603
        [str(SCRIPTS / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.fixture
def empty_database():
    """A new, empty database on the test server, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:12]}"
    server = database_url("postgres")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_restore_into_a_fresh_database_finds_every_lead_and_upload(tmp_path, empty_database):
    leads = [
        Lead.objects.create(
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            email=fake.email(),
            message=fake.sentence(),
            consent_text="I agree.",
            consent_version="test",
            consented_at=timezone.now(),
        )
        for _ in range(25)
    ]
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "clinic.jpg").write_bytes(os.urandom(2048))

    backup = tmp_path / "backup"
    run(
        "backup.sh",
        str(backup),
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        DJANGO_MEDIA_ROOT=str(media),
    )
    restored_media = tmp_path / "restored-media"
    run(
        "restore.sh",
        str(backup),
        DATABASE_URL=database_url(empty_database),
        DJANGO_MEDIA_ROOT=str(restored_media),
    )

    with psycopg.connect(database_url(empty_database)) as restored:
        rows = restored.execute(
            "SELECT id, first_name, last_name, email FROM leads_lead ORDER BY id"
        ).fetchall()
    assert rows == [(lead.id, lead.first_name, lead.last_name, lead.email) for lead in leads]
    restored_image = restored_media / "original_images" / "clinic.jpg"
    assert restored_image.read_bytes() == (media / "original_images" / "clinic.jpg").read_bytes()
    assert oct(backup.stat().st_mode & 0o777) == "0o700"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_to_overwrite_a_database_that_has_tables(tmp_path):
    url = database_url(connection.settings_dict["NAME"])
    backup = tmp_path / "backup"
    run("backup.sh", str(backup), DATABASE_URL=url, DJANGO_MEDIA_ROOT=str(tmp_path / "none"))

    with pytest.raises(subprocess.CalledProcessError) as refused:
        run("restore.sh", str(backup), DATABASE_URL=url)

    assert "add --replace" in refused.value.stderr
