"""The CDN in front of the site is emptied as completely as the page cache, through real HTTP."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from practice import frontend_cache
from practice.models import PracticeSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def purge_server():
    """A local HTTP server recording (method, path, headers, body) of every request it gets."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def record(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append((self.command, self.path, dict(self.headers), body))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"success": true}')

        do_PURGE = do_POST = record

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()


def change_practice_details(capture):
    with capture(execute=True):
        details = PracticeSettings.objects.get()
        details.name = "Renamed Clinic"
        details.save()


def test_a_change_purges_everything_on_a_generic_purge_url(
    practice, settings, purge_server, django_capture_on_commit_callbacks
):
    base, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": base}
    }

    change_practice_details(django_capture_on_commit_callbacks)

    purges = [
        (method, path, headers["Host"]) for method, path, headers, _ in received if headers.get("X-Purge-All")
    ]
    assert purges == [("PURGE", "/", "localhost")]


def test_a_change_purges_everything_on_cloudflare(
    practice, settings, purge_server, monkeypatch, django_capture_on_commit_callbacks
):
    base, received = purge_server
    monkeypatch.setattr(frontend_cache, "CLOUDFLARE_API", base)
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone1",
        }
    }

    change_practice_details(django_capture_on_commit_callbacks)

    (method, path, headers, body), *_ = received
    assert (method, path) == ("POST", "/zones/zone1/purge_cache")
    assert headers["Authorization"] == "Bearer token"
    assert json.loads(body) == {"purge_everything": True}


def test_an_unreachable_cdn_never_fails_the_editors_change(
    practice, settings, django_capture_on_commit_callbacks, caplog
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }

    change_practice_details(django_capture_on_commit_callbacks)

    assert PracticeSettings.objects.get().name == "Renamed Clinic"
    assert "Purging everything on frontend cache proxy failed" in caplog.text
