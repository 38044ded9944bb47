"""Our web server for real (python -m practice.server, granian), started by a test and stopped after it."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url_for_other_processes():
    """The test database as a DATABASE_URL, for the server's own processes (on SQLite, a file:
    tests/database_template.py copies one for each test process)."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user, password = (quote(database[key] or "", safe="") for key in ("USER", "PASSWORD"))
    host, port = database["HOST"] or "localhost", database["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{database['NAME']}"


def get(url, headers=None, timeout=5):
    """(status, body) of a GET; OSError when nothing answers."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (a local server)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextlib.contextmanager
def web_server(application=None, *, folder=None, **environ):
    """The server serving `application` ("module:name", practice/wsgi.py's by default, importable
    from `folder` too), one worker unless told, with `environ` added to the environment; yields
    (base URL, the server's process). Stopped with SIGTERM, as systemd stops it, unless the test did."""
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(path) for path in (ROOT, folder) if path),
        "WEB_HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "WEB_ACCESS_LOG": "off",
        **environ,
    }
    command = [sys.executable, "-m", "practice.server", *([application] if application else [])]
    server = subprocess.Popen(command, cwd=folder or ROOT, env=env, stdout=subprocess.DEVNULL)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # a worker loads Django first: seconds on a busy machine
        while True:
            try:
                get(base + "/")
                break
            except OSError:
                assert server.poll() is None, "the server stopped while starting"
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        yield base, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
