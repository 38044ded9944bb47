"""Shared parts are switched on by the environment alone: Redis, S3 media, a CDN to purge."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.database_independent("reads settings in a child process that opens no database")

READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
from django.core.files.storage import default_storage
print(json.dumps({
    "cache": s.CACHES["default"]["BACKEND"],
    "page_cache": s.CACHES[s.PAGE_CACHE_ALIAS]["BACKEND"],
    "sessions": s.SESSION_ENGINE,
    "storage": s.STORAGES["default"]["BACKEND"],
    "media_url": default_storage.url("original_images/clinic.jpg"),
    "img_src": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "frontend_cache": sorted(s.WAGTAILFRONTENDCACHE),
    "frontend_cache_app": "wagtail.contrib.frontend_cache" in s.INSTALLED_APPS,
}))
"""


def settings_with(**env):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", READ_SETTINGS],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "practice.settings.dev", **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_machine_needs_no_shared_service():
    found = settings_with()

    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    # Pages on disk: every worker of this machine sees the same entries and the same purges.
    assert found["page_cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert found["storage"] == "django.core.files.storage.FileSystemStorage"
    assert found["img_src"] == ["'self'", "data:"]
    assert found["frontend_cache"] == [] and not found["frontend_cache_app"]


def test_several_servers_share_redis_s3_and_purge_the_cdn():
    found = settings_with(
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="clinic-media",
        AWS_S3_CUSTOM_DOMAIN="media.clinic.example",
        FRONTEND_CACHE_PURGE_URL="http://cdn.internal:6081",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_API_TOKEN="token",
    )

    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["page_cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert found["storage"] == "storages.backends.s3.S3Storage"
    assert found["media_url"] == "https://media.clinic.example/original_images/clinic.jpg"
    assert found["img_src"] == ["'self'", "data:", "https://media.clinic.example"]
    assert found["frontend_cache"] == ["cloudflare", "proxy"] and found["frontend_cache_app"]
