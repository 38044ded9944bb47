"""The web server (practice/server.py, granian) stops and reloads without losing what it holds."""

import http.client
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from analytics.models import PageViewCount
from tests.analytics.counting_fixtures import CHROME
from tests.factories import StandardPageFactory
from tests.web_server import database_url_for_other_processes, get, web_server

# Serves the number of the worker process that answered.
WHICH_WORKER = (
    "import os\n"
    "def app(environ, start_response):\n"
    "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
    "    return [str(os.getpid()).encode()]\n"
)


@pytest.mark.django_db(transaction=True)  # the server's workers read and write the test database too
def test_a_stopped_server_writes_the_page_views_its_workers_counted(home, practice):
    # No writer thread in the test settings (ANALYTICS_FLUSH_SECONDS=0): the views reach the
    # table only through the workers' last write, after SIGTERM.
    StandardPageFactory(parent=home, title="About us", slug="about")
    environ = {
        "DATABASE_URL": database_url_for_other_processes(),
        "TRUSTED_PROXIES": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
    }
    with web_server(**environ) as (base, server):
        for visitor in range(5):  # each from an address of its own: one view a second per address
            headers = {
                "User-Agent": CHROME,
                "Host": "localhost",
                "X-Forwarded-For": f"198.51.100.{visitor + 1}",
            }
            assert get(base + "/about/", headers)[0] == 200
        assert not PageViewCount.objects.exists()

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0

    assert PageViewCount.objects.get(path="/about/").views == 5


def test_a_reload_replaces_the_workers_without_refusing_a_request(tmp_path):
    """SIGHUP, as `systemctl reload` sends at a deploy: new workers load the code on disk and
    start answering before the old ones stop. Asked as nginx asks with `keepalive` (docs/deploy.md):
    over kept-open connections, sending a request again on a new connection when a kept one was
    closed before answering. (New connections queued on a stopping worker are reset unless
    net.ipv4.tcp_migrate_req is 1, as deploy.md asks.)"""
    (tmp_path / "which_worker.py").write_text(WHICH_WORKER)
    with web_server("which_worker:app", folder=tmp_path) as (base, server):
        port = int(base.rsplit(":", 1)[1])
        before = get(base + "/")[1]
        answers, failures, done = [], [], threading.Event()

        def ask_until_done():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            while not done.is_set():
                for attempt in (1, 2):
                    try:
                        connection.request("GET", "/")
                        response = connection.getresponse()
                        answers.append((response.status, response.read()))
                        break
                    except (http.client.RemoteDisconnected, ConnectionResetError) as error:
                        connection.close()  # the next request opens a new one
                        if attempt == 2:
                            failures.append(error)

        asking = threading.Thread(target=ask_until_done)
        asking.start()
        server.send_signal(signal.SIGHUP)

        def reloaded():  # the old worker answers until it stops, some seconds after the new one starts
            latest = answers[-10:]
            return len(latest) == 10 and before not in {body for _, body in latest}

        deadline = time.monotonic() + 60
        while not reloaded() and time.monotonic() < deadline:
            time.sleep(0.2)
        done.set()
        asking.join()

    assert not failures
    assert {status for status, _ in answers} == {200}
    assert reloaded()


@pytest.mark.postgresql_only("statement_timeout is PostgreSQL's")
@pytest.mark.django_db
def test_a_statement_longer_than_the_web_process_allows_is_cancelled():
    """What bounds a stuck request now that no server kills a worker after 30 s (docs/deploy.md)."""
    code = (
        "import django; django.setup()\n"
        "from django.db import OperationalError, connection\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(5)')\n"
        "except OperationalError as error:\n"
        "    print(type(error.__cause__).__name__)\n"
    )
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "practice.settings.production",
        "DJANGO_SECRET_KEY": "test-only",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "LEADS_IP_HASH_KEY": "test-only",
        "DATABASE_URL": database_url_for_other_processes(),
        "DATABASE_STATEMENT_TIMEOUT": "1",
    }
    started = time.monotonic()
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, env=environ, capture_output=True, text=True, check=False)  # noqa: S603

    assert result.stdout.strip() == "QueryCanceled", result.stderr
    assert time.monotonic() - started < 30
