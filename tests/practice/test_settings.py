import subprocess
import sys

import pytest


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


def test_production_starts_with_secret_key_and_hosts():
    result = import_production_settings(
        {"DJANGO_SECRET_KEY": "a-real-secret-from-the-environment", "DJANGO_ALLOWED_HOSTS": "clinic.example"}
    )

    assert result.returncode == 0, result.stderr
