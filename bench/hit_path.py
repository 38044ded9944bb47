"""The page cache's hit path in-process: what an ad-click landing costs beyond a plain hit.

    .venv/bin/python bench/hit_path.py      (HIT_PATH_REQUESTS=2000 HIT_PATH_ROUNDS=15 by default)
    .venv/bin/python bench/hit_path.py --profile    (adds a cProfile of the landings, top 25)

Prepares production settings (DEBUG off) on a throwaway SQLite database and file page cache
(migrate, load_demo, collectstatic), then calls `practice.wsgi.application` directly, with no server or socket
in between, the way a gunicorn worker calls it (the heap frozen as gunicorn.conf.py freezes it, a
new environ per request): each round times N plain hits of the demo treatment page and N ad-click
landings on it, interleaved, and prints CPU microseconds per request (the median of the rounds) for
each and the difference. The requests are `make bench`'s: every one carries the accepted cookie
choice; a landing adds a unique `gclid` and a Google Referer, so it gets its own attribution
cookie; a plain hit sets none.
"""

import cProfile
import gc
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
REQUESTS = int(os.environ.get("HIT_PATH_REQUESTS", "2000"))
ROUNDS = int(os.environ.get("HIT_PATH_ROUNDS", "15"))
HOST = "127.0.0.1:8000"


def prepare(workdir):
    """Production settings' environment on a throwaway database holding the demo practice."""
    env = {
        "DJANGO_SETTINGS_MODULE": "practice.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + os.urandom(16).hex(),
        "LEADS_IP_HASH_KEY": "bench-only-" + os.urandom(16).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "https://localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "PAGE_CACHE_DIR": str(workdir / "page-cache"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "TRUSTED_PROXIES": "127.0.0.1",  # as make bench sets it
    }
    os.environ.update(env)
    quiet = {"cwd": ROOT, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], **quiet)
    # The demo app exists only in the development settings (never in production).
    demo = {**os.environ, "DJANGO_SETTINGS_MODULE": "practice.settings.dev"}
    subprocess.run([PYTHON, "manage.py", "load_demo", "--no-admin"], env=demo, **quiet)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], **quiet)


def environ_for(path, query="", referrer=""):
    """A WSGI environ as gunicorn builds it for wrk's request (no User-Agent, no Accept-Encoding)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": HOST,
        "HTTP_COOKIE": "practice_cookie_choice=accepted",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if referrer:
        environ["HTTP_REFERER"] = referrer
    return environ


class Answer:
    def __call__(self, status, headers, exc_info=None):
        self.status, self.headers = status, dict(headers)


def timed(application, requests):
    """CPU microseconds per request for answering `requests`, (path, query, referrer) each: this
    thread's CPU time, so other processes sharing the cores are left out of the figure."""
    answer = Answer()
    start = time.thread_time_ns()
    for request in requests:
        application(environ_for(*request), answer)
    return (time.thread_time_ns() - start) / len(requests) / 1000


def main():
    import django

    django.setup()
    from practice.wsgi import application
    from treatments.models import TreatmentPage

    path = TreatmentPage.objects.live().order_by("path").first().url
    answer = Answer()
    application(environ_for(path), answer)  # the miss that stores the page
    application(environ_for(path), answer)
    assert answer.headers.get("X-Cache") == "hit" and "Set-Cookie" not in answer.headers, answer.headers
    application(environ_for(path, "gclid=check", "https://www.google.com/"), answer)
    assert answer.headers.get("X-Cache") == "hit" and "Set-Cookie" in answer.headers, answer.headers

    def plain():
        return [(path, "", "")] * REQUESTS

    def landings(round_number):
        return [
            (path, f"gclid=Cj0KCQiA{round_number}x{n}", "https://www.google.com/") for n in range(REQUESTS)
        ]

    timed(application, plain())  # warm both paths before timing
    timed(application, landings(0))
    gc.collect()
    gc.freeze()
    hits, clicks = [], []
    for round_number in range(1, ROUNDS + 1):
        hits.append(timed(application, plain()))
        clicks.append(timed(application, landings(round_number)))
    hit, click = statistics.median(hits), statistics.median(clicks)
    print(f"{path}, {ROUNDS} interleaved rounds of {REQUESTS} requests each, median per request:")
    print(f"  plain hit       {hit:6.1f} us")
    print(f"  ad-click landing {click:5.1f} us  (unique gclid, Google Referer, accepted cookie choice)")
    print(f"  difference      {click - hit:6.1f} us  ({click / hit:.0%} of a plain hit's time)")

    if "--profile" in sys.argv:
        profile = cProfile.Profile()
        batch = landings(ROUNDS + 1)
        profile.enable()
        timed(application, batch)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    workdir = Path(tempfile.mkdtemp(prefix="practice-hit-path-"))
    try:
        prepare(workdir)
        main()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
