"""The page cache's hit path in-process: what an ad-click landing and a counted page view cost
beyond a plain hit.

    .venv/bin/python bench/hit_path.py      (HIT_PATH_REQUESTS=2000 HIT_PATH_ROUNDS=15 by default)
    .venv/bin/python bench/hit_path.py --profile    (adds a cProfile of the landings and views, top 25)
    HIT_PATH_DIR=/tmp/hit-path .venv/bin/python bench/hit_path.py   (prepared once, kept for the next run)

Prepares production settings (DEBUG off) on a throwaway SQLite database and file page cache
(migrate, load_demo, collectstatic), then calls `practice.wsgi.application` directly, with no server or socket
in between, the way a web server's worker calls it (the heap frozen, a new environ per request):
each round times N requests of each kind on the demo treatment page, interleaved, and prints CPU
microseconds per request (the median of the rounds). The requests are `make bench`'s:

- plain hit and ad-click landing: the accepted cookie choice on each; a landing adds a unique
  `gclid` and a Google Referer, so it gets its own attribution cookie; a plain hit sets none;
- people's views: a browser's User-Agent and a new address each (X-Forwarded-For from the trusted
  proxy), counted as page views; the same requests again with counting off (ANALYTICS_ENABLED).
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
    """Production settings' environment on a throwaway database holding the demo practice (made
    only when `workdir` does not hold one yet)."""
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
    if (workdir / "db.sqlite3").exists():
        return
    quiet = {"cwd": ROOT, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], **quiet)
    # The demo app exists only in the development settings (never in production).
    demo = {**os.environ, "DJANGO_SETTINGS_MODULE": "practice.settings.dev"}
    subprocess.run([PYTHON, "manage.py", "load_demo", "--no-admin"], env=demo, **quiet)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], **quiet)


BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def environ_for(path, query="", headers=()):
    """A WSGI environ as the web server builds it for wrk's request (no User-Agent, no
    Accept-Encoding), with `headers` ((environ key, value) pairs) added."""
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
    environ.update(headers)
    return environ


class Answer:
    def __call__(self, status, headers, exc_info=None):
        self.status, self.headers = status, dict(headers)


def timed(application, requests):
    """CPU microseconds per request for answering `requests`, (path, query, headers) each: this
    thread's CPU time, so other processes sharing the cores are left out of the figure."""
    answer = Answer()
    start = time.thread_time_ns()
    for request in requests:
        application(environ_for(*request), answer)
    return (time.thread_time_ns() - start) / len(requests) / 1000


def main():
    import django

    django.setup()
    from django.test import override_settings

    from analytics import tally
    from practice.wsgi import application
    from treatments.models import TreatmentPage

    path = TreatmentPage.objects.live().order_by("path").first().url
    google = [("HTTP_REFERER", "https://www.google.com/")]
    answer = Answer()
    application(environ_for(path), answer)  # the miss that stores the page
    application(environ_for(path), answer)
    assert answer.headers.get("X-Cache") == "hit" and "Set-Cookie" not in answer.headers, answer.headers
    application(environ_for(path, "gclid=check", google), answer)
    assert answer.headers.get("X-Cache") == "hit" and "Set-Cookie" in answer.headers, answer.headers

    def plain(round_number):
        return [(path, "", ())] * REQUESTS

    def landings(round_number):
        return [(path, f"gclid=Cj0KCQiA{round_number}x{n}", google) for n in range(REQUESTS)]

    def people(round_number):
        # A new address each request, as make bench's people's views: the flood limit hides none.
        return [
            (
                path,
                "",
                [
                    ("HTTP_USER_AGENT", BROWSER),
                    ("HTTP_X_FORWARDED_FOR", f"10.{round_number}.{n // 250}.{n % 250 + 1}"),
                ],
            )
            for n in range(REQUESTS)
        ]

    def uncounted(round_number):
        with override_settings(ANALYTICS_ENABLED=False):
            return timed(application, people(round_number))

    kinds = {
        "plain hit": lambda n: timed(application, plain(n)),
        "ad-click landing": lambda n: timed(application, landings(n)),
        "person's view, counted": lambda n: timed(application, people(n)),
        "person's view, not counted": uncounted,
    }
    for measure in kinds.values():  # warm every path before timing
        measure(0)
    tally.take()
    gc.collect()
    gc.freeze()
    figures = {name: [] for name in kinds}
    for round_number in range(1, ROUNDS + 1):
        for name, measure in kinds.items():
            figures[name].append(measure(round_number))
        tally.take()  # as the writer thread empties it every ANALYTICS_FLUSH_SECONDS
    median = {name: statistics.median(values) for name, values in figures.items()}
    hit, click = median["plain hit"], median["ad-click landing"]
    counted, uncounted_view = median["person's view, counted"], median["person's view, not counted"]
    print(f"{path}, {ROUNDS} interleaved rounds of {REQUESTS} requests each, median CPU per request:")
    print(f"  plain hit                  {hit:6.1f} us")
    print(
        f"  ad-click landing           {click:6.1f} us  (unique gclid, Google Referer, accepted cookie choice)"
    )
    print(f"    difference               {click - hit:6.1f} us  ({click / hit:.0%} of a plain hit's time)")
    print(f"  person's view, counted     {counted:6.1f} us  (browser User-Agent, a new forwarded address)")
    print(
        f"  person's view, not counted {uncounted_view:6.1f} us  (the same requests, ANALYTICS_ENABLED off)"
    )
    print(
        f"    difference               {counted - uncounted_view:6.1f} us  ({counted / uncounted_view:.0%})"
    )

    if "--profile" in sys.argv:
        for name in ("ad-click landing", "person's view, counted"):
            print(f"\n{name}:")
            profile = cProfile.Profile()
            profile.enable()
            kinds[name](ROUNDS + 1)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    kept = os.environ.get("HIT_PATH_DIR")
    workdir = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="practice-hit-path-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        prepare(workdir)
        main()
    finally:
        if not kept:
            shutil.rmtree(workdir, ignore_errors=True)
