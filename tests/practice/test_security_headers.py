"""The security headers every response carries, and the stricter policy of public pages."""

import json
import os
import secrets
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from practice.settings import base

pytestmark = pytest.mark.django_db


def csp_directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_common_security_headers(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_home_page_forbids_inline_script_and_every_other_origin(client, home, practice):
    response = client.get("/")

    assert response.status_code == 200
    assert_common_security_headers(response)
    assert response.headers["X-Frame-Options"] == "DENY"
    directives = csp_directives(response)
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    every_source = {source for sources in directives.values() for source in sources}
    assert every_source <= {"'self'", "'none'", "data:"}


def test_public_page_policy_carries_no_nonce_so_a_cached_copy_stays_valid(client, home, practice):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]

    assert "nonce-" not in first
    assert first == second


def test_home_page_has_no_inline_script_or_style(client, home, practice):
    html = client.get("/").content.decode()

    # JSON-LD blocks are data, never executed, so the policy does not apply to them.
    html = html.replace('<script type="application/ld+json">', "")
    assert "<script>" not in html and "<script " not in html.replace('<script src="', "")
    assert " style=" not in html and "<style" not in html


def test_admin_login_gets_the_admin_policy_and_the_same_other_headers(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert_common_security_headers(response)
    directives = csp_directives(response)
    # Wagtail's admin needs inline scripts, but still only from this site and never framed elsewhere.
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    every_source = {source for sources in directives.values() for source in sources}
    assert every_source <= {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}


def test_admin_login_is_never_cached(client):
    response = client.get("/admin/login/")

    assert "no-cache" in response.headers["Cache-Control"] or "private" in response.headers["Cache-Control"]


def test_admin_policy_does_not_leak_to_public_paths_that_merely_contain_admin(client, home, practice):
    response = client.get("/about/admin/")

    assert csp_directives(response)["default-src"] == ["'none'"]


def test_public_policy_only_allows_the_media_origin_when_media_is_on_s3():
    assert base.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
    assert settings.CONTENT_SECURITY_POLICY == base.CONTENT_SECURITY_POLICY


PRODUCTION_REQUEST = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/healthz", secure=True, headers={"host": "clinic.example"})
print(json.dumps({"status": response.status_code, "headers": dict(response.headers)}))
"""


def child_database_url(directory):
    """The URL of the database this test run created, for a child process to reach it.

    SQLite's test database lives in this process's memory: the child gets a copy in `directory`.
    """
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = directory / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def run_in_production(directory, *args):
    """Run python with `args` in a fresh interpreter on the production settings."""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "practice.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "clinic.example",
        # Passkeys are bound to the admin's address, which must be HTTPS (otp_webauthn.E031).
        "WAGTAILADMIN_BASE_URL": "https://clinic.example",
        "LEADS_IP_HASH_KEY": secrets.token_urlsafe(50),
        # Production settings say a proxy is in front (SECURE_PROXY_SSL_HEADER): it must be listed.
        "TRUSTED_PROXIES": "127.0.0.1",
        "DATABASE_URL": child_database_url(directory),
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )


@pytest.mark.django_db
def test_production_sends_hsts_for_a_year_with_subdomains_and_preload(tmp_path):
    result = run_in_production(tmp_path, "-c", PRODUCTION_REQUEST)

    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout.strip().splitlines()[-1])
    headers = response["headers"]
    assert response["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_production_deploy_check_reports_no_warning(tmp_path):
    result = run_in_production(tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_server_error_page_needs_no_inline_style_or_script():
    from django.template import loader

    html = loader.get_template("500.html").render()

    assert " style=" not in html and "<style" not in html and "<script" not in html
    assert "error.css" in html
