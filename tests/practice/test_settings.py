import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.database_independent(
    "each test starts its own interpreter on its own in-memory database"
)


def import_production_settings(env):
    """Import production settings in a clean interpreter with only `env` configured."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import practice.settings.production"],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"DJANGO_SECRET_KEY": "a-real-secret-from-the-environment"},
        {"DJANGO_ALLOWED_HOSTS": "clinic.example"},
    ],
    ids=["nothing", "no-allowed-hosts", "no-secret-key"],
)
def test_production_refuses_to_start_without_secret_key_and_hosts(env):
    result = import_production_settings(env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


REQUIRED = {
    "DJANGO_SECRET_KEY": "a-real-secret-from-the-environment",
    "DJANGO_ALLOWED_HOSTS": "clinic.example",
    "LEADS_IP_HASH_KEY": "another-real-secret",
}


def test_production_starts_with_secret_key_hosts_and_ip_hash_key():
    result = import_production_settings(REQUIRED)

    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_its_own_ip_hash_key():
    result = import_production_settings({**REQUIRED, "LEADS_IP_HASH_KEY": ""})

    assert result.returncode != 0
    assert "LEADS_IP_HASH_KEY" in result.stderr


def test_previous_secret_keys_are_read_from_the_environment():
    code = "from practice.settings import production as s; print(s.SECRET_KEY_FALLBACKS)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": "sqlite:///:memory:",
            **REQUIRED,
            "DJANGO_SECRET_KEY_FALLBACKS": "old-key-1,old-key-2",
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.stdout.strip() == "['old-key-1', 'old-key-2']", result.stderr


ROOT = Path(__file__).resolve().parents[2]


def run_in_clean_interpreter(args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_has_no_demo_app_and_no_demo_loader():
    code = (
        "import django, sys; django.setup(); from django.apps import apps;"
        "from django.core.management import get_commands;"
        "print(apps.is_installed('demo'), 'load_demo' in get_commands(), 'demo' in sys.modules)"
    )
    result = run_in_clean_interpreter(
        ["-c", code], {**REQUIRED, "DJANGO_SETTINGS_MODULE": "practice.settings.production"}
    )

    assert result.stdout.strip() == "False False False", result.stderr


def test_manage_py_runs_with_production_settings_unless_told_otherwise():
    code = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"

    result = run_in_clean_interpreter(["manage.py", "shell", "-c", code], REQUIRED)

    assert result.stdout.strip().endswith("practice.settings.production False"), result.stderr


def test_manage_py_on_a_machine_without_production_secrets_refuses_to_run():
    result = run_in_clean_interpreter(["manage.py", "migrate"], {})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr and "practice.settings.dev" in result.stderr
