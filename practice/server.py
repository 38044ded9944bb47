"""The web process: granian serving practice/wsgi.py, every setting read from the environment here.

    python -m practice.server                  (docs/deploy.md: the command, the unit, each variable)
    python -m practice.server module:app       (another WSGI application the same way, as tests do)

Why granian and not gunicorn: a page-cache hit costs ~25 µs in front of Django (practice/fastcache.py),
and under gunicorn's sync workers the server's own Python work per request (accept, parse, write,
close every connection) cost more than that; granian does that work in Rust and keeps connections
open, so the same hits serve several times faster (docs/performance.md has the figures).
"""

import gc
import importlib
import os
import sys

from granian import Granian
from granian.constants import HTTPModes, Interfaces
from granian.log import LogLevels

APPLICATION = "practice.wsgi:application"
# On a reload (SIGHUP), or when a worker is recycled, the new worker gets this long to load Django
# and start answering before the old one is stopped (loading takes 2-3 s on a busy 2-core machine).
RESPAWN_SECONDS = 6
# Granian's own lines (start, stop, a worker replaced) as JSON on stderr, like the application's
# (practice/settings/logs.py); what it logs is about processes, never about a request.
SERVER_LOGGING = {
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "{asctime}{levelname}{name}{message}",
            "style": "{",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {"_granian": {"handlers": ["console"], "propagate": False}},
}


def server_settings(environ):
    """Granian's keyword arguments from the environment; each default is explained beside it."""
    host, port = environ.get("WEB_HOST", "0.0.0.0"), int(environ.get("PORT", "8000"))  # noqa: S104  # nosec B104
    return {
        "address": host,
        "port": port,
        "interface": Interfaces.WSGI,
        # The proxy in front speaks HTTP/1.1 to us (docs/deploy.md), keeping its connections open.
        "http": HTTPModes.http1,
        "websockets": False,
        # One process per core: Python runs one thread at a time per process, so more processes
        # than cores only take turns. Blocking threads are the Python threads of a worker: a request
        # that waits on the database holds one, so two let a worker serve hits while a lead POST
        # waits. Measured on 2 cores (docs/performance.md, "The web server").
        "workers": int(environ.get("WEB_CONCURRENCY", os.cpu_count() or 1)),
        "blocking_threads": int(environ.get("WEB_THREADS", "2")),
        # A worker that dies (killed, out of memory) is replaced, as gunicorn's were; one that
        # dies again within seconds stops the server, for systemd to restart and report.
        "respawn_failed_workers": True,
        "respawn_interval": RESPAWN_SECONDS,
        # Workers are replaced, one at a time, after this long or above this much memory, so a slow
        # leak in any library cannot grow without bound; rarely, as a fresh worker answers cold.
        "workers_lifetime": int(environ.get("WEB_WORKER_LIFETIME", "86400")) or None,
        "workers_max_rss": int(environ.get("WEB_WORKER_MAX_RSS_MB", "1024")) or None,
        # On SIGTERM or a reload, requests in flight get this long to finish before their worker is
        # killed (and with it a stuck request: granian has no per-request timeout, docs/deploy.md).
        "workers_kill_timeout": int(environ.get("WEB_GRACEFUL_TIMEOUT", "30")),
        "log_level": LogLevels(environ.get("WEB_LOG_LEVEL", "info")),
        "log_dictconfig": SERVER_LOGGING,
        # The access log is written by practice/access_log.py, in the worker (load_application).
        "log_access": False,
    }


def load_application(target):
    """In each worker: the application `target` names ("module:attribute"), behind the access log
    unless WEB_ACCESS_LOG is "off"."""
    from .access_log import AccessLogApplication, open_access_log

    module, _, attribute = target.partition(":")
    application = getattr(importlib.import_module(module), attribute)
    destination = os.environ.get("WEB_ACCESS_LOG", "-")
    if destination != "off":
        application = AccessLogApplication(application, open_access_log(destination))
    # What loading made lives as long as the worker: out of the collector's reach, full
    # collections stay short.
    gc.collect()
    gc.freeze()
    return application


def serve_then_write_page_views(*args, **kwargs):
    """A worker's life: granian serves until SIGTERM (a stop, a reload, a recycle) and lets requests
    in flight finish; then the page views this worker counted since its last write are written
    (analytics/tally.py). Granian ends a worker without running atexit, so they would be lost."""
    try:
        Granian._spawn_wsgi_worker(*args, **kwargs)
    finally:
        if "analytics.tally" in sys.modules:  # not when the application never loaded the tally
            sys.modules["analytics.tally"].last_write()


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings.production")
    # This process never loads Django: each worker loads the code on disk when it starts, so a
    # reload (SIGHUP) serves a new release without dropping a request.
    server = Granian(argv[1] if len(argv) > 1 else APPLICATION, **server_settings(os.environ))
    server.serve(spawn_target=serve_then_write_page_views, target_loader=load_application)


if __name__ == "__main__":
    main(sys.argv)
