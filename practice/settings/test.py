"""Test run: the database DATABASE_URL names (scripts/test.sh runs the suite on PostgreSQL and on
SQLite), fast and deterministic."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105  # nosec B105
LEADS_IP_HASH_KEY = f"leads.ip-hash:{SECRET_KEY}"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# No writer thread: tests flush page views when they mean to (analytics.tally.flush_page_views).
ANALYTICS_FLUSH_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "tests.media_storage.ProcessMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# One file per test process: several test runs may share the machine.
PRACTICE_CONTACT_SNAPSHOT = Path(tempfile.gettempdir()) / f"practice-contact-test-{os.getpid()}.json"

# A page type with clinical review that only tests use (its migrations live in tests/reviewed_pages),
# and the demo practice, which some tests load.
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "tests.reviewed_pages"]  # noqa: F405
# Passkeys need a secure origin, and http://localhost counts as one; browser tests add their live
# server's port (tests/browser/test_passkeys.py).
OTP_WEBAUTHN_RP_ID = "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost"]
