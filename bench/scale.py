"""make bench-scale: what a request costs with the demo's content (1x) and ten times it (10x).

    .venv/bin/python bench/scale.py [--leads 1000000] [--repeat 5]

In a throwaway PostgreSQL (scripts/postgres.sh): the demo practice and a tenth of the leads (1x),
then 150 treatments in 12 categories and 1,000 articles more (bench/large_site.py) and all the
leads (10x). For each it measures a treatment page's render with the memos warm and cold, its
size, the memo's hit rate after a crawl of every page mixed with reads of that treatment, a fresh
worker process's memory after that crawl, indexing and searching, and the lead admin; then prints the
table with the 10x/1x ratio of each, "flat" when within 20%.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.leads_admin import (  # noqa: E402
    add_leads,
    create_database,
    measure,
    print_table,
    seed,
    start_postgres,
)

TREATMENT = "laser-skin-tightening"
SEARCHES = ["laser tightening", "chemical peel", "how many sessions", "radiofrequency"]
LEAD_ADMIN = [
    ("lead listing, first page", "/admin/leads/"),
    ("lead filter: status new", "/admin/leads/?status=new"),
    ("lead search: last name", "/admin/leads/?q=smith"),
    ("lead report, 52 weeks", "/admin/leads/report/?weeks=52"),
]
MEDIA = "SCALE_BENCH_MEDIA"  # where both processes keep uploaded images (keep_media_in)


def say(text):
    print(text, flush=True)


def rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed_get(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - started_cpu) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries), response, cpu


def measure_content(client, staff_client, repeat):
    """The figures for the content and leads in the database now, as {name: (value, unit)}."""
    from django.core.management import call_command
    from django.test import override_settings
    from wagtail.models import Locale, Page

    from practice.cache import purge_page_cache

    figures = {}
    # The English page: its Spanish and Arabic translations keep the slug.
    page = Page.objects.live().get(slug=TREATMENT, locale=Locale.get_default())
    url = page.url
    # Render, not the page cache: every request below builds the page.
    with override_settings(PAGE_CACHE_SECONDS=0):
        say(f"  rendering {url} cold (after a purge) and warm, {repeat} times each")
        cold, warm = [], []
        for _ in range(repeat):
            purge_page_cache()
            cold.append(timed_get(client, url))
            warm.append(timed_get(client, url))
        figures["treatment page, cold: ms"] = (statistics.median(ms for ms, *_ in cold), "ms")
        figures["treatment page, cold: queries"] = (cold[-1][1], "")
        figures["treatment page, warm: ms"] = (statistics.median(ms for ms, *_ in warm), "ms")
        # This process's CPU time: the warm render runs no query, so it is the whole cost, and on a
        # shared machine it is far steadier than the time on the clock.
        figures["treatment page, warm: CPU ms"] = (statistics.median(cpu for *_, cpu in warm), "ms")
        figures["treatment page, warm: queries"] = (warm[-1][1], "")
        figures["treatment page: size"] = (len(warm[-1][2].content) / 1024, "KiB")

    say(f"  crawling every page once in a fresh worker process, reading {url} after every tenth")
    crawled = subprocess.run(  # noqa: S603  # nosec B603: this script, run again
        [sys.executable, __file__, "--crawl", url], capture_output=True, text=True, check=False
    )
    if crawled.returncode:
        sys.exit(f"The crawl failed:\n{crawled.stderr}")
    hit_rate, queries, rss = json.loads(crawled.stdout.splitlines()[-1])
    figures["memo hit rate after the crawl"] = (hit_rate * 100, "%")
    figures["treatment page after the crawl: queries"] = (queries, "")
    figures["worker memory (RSS) after the crawl"] = (rss, "MiB")

    say("  rebuilding the search index")
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    figures["search index rebuild"] = (time.perf_counter() - started, "s")
    say(f"  searching for {', '.join(SEARCHES)}")
    figures["search, median of the queries"] = (
        statistics.median(timed_get(client, f"/search/?q={query}")[0] for query in SEARCHES),
        "ms",
    )
    say("  timing the lead admin")
    for label, admin_url in LEAD_ADMIN:
        figures[label] = (measure(staff_client, label, admin_url, repeat)[0], "ms")
    return figures


def keep_media_in(directory):
    """Uploaded images in `directory` rather than the test settings' memory, so that the crawl's
    own process can read what the bench's process uploaded. Through override_settings, whose
    signal resets the storages Django has already opened."""
    from django.conf import settings
    from django.test import override_settings

    files = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": directory}}
    override_settings(STORAGES={**settings.STORAGES, "default": files}).enable()


def crawl(url):
    """In a process of its own, as a web worker starts: read every live page once and `url` after
    every tenth, then print [memo hit rate, `url`'s queries, RSS in MiB] as JSON. The bench's own
    process has migrated, seeded and grown the site, which a worker never does."""
    import logging

    import django

    django.setup()
    keep_media_in(os.environ[MEDIA])
    logging.disable(logging.INFO)
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    from wagtail.models import Page

    from practice.memo import memo_state

    setup_test_environment()
    client = Client(HTTP_HOST="localhost")
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1).specific().iterator() if page.url]
    with override_settings(PAGE_CACHE_SECONDS=0):
        for number, other in enumerate(urls):
            client.get(other)  # some pages answer with a redirect; all are read
            if number % 10 == 0:
                timed_get(client, url)
        hit_rate = memo_state()["hit_rate"]
        queries = timed_get(client, url)[1]
    print(json.dumps([hit_rate, queries, rss_mib()]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=1_000_000, help="leads at 10x (a tenth of them at 1x)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--crawl", metavar="URL", help=argparse.SUPPRESS)  # the crawl's own process
    args = parser.parse_args()
    if args.crawl:
        crawl(args.crawl)
        return

    started = time.perf_counter()
    directory = tempfile.mkdtemp(prefix="scale-bench-pg-")
    port = 40000 + os.getpid() % 20000
    say(f"Starting PostgreSQL in {directory}")
    os.environ["DATABASE_URL"] = start_postgres(directory, port)
    os.environ["DJANGO_SETTINGS_MODULE"] = "practice.settings.test"
    try:
        import logging

        import django

        django.setup()
        os.environ[MEDIA] = tempfile.mkdtemp(prefix="scale-bench-media-")
        keep_media_in(os.environ[MEDIA])
        logging.disable(logging.INFO)  # one line per page created or task run would drown the table
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment
        from wagtail.models import Locale

        from bench.large_site import grow
        from practice.models import HomePage
        from tests.second_factor import pass_second_factor

        setup_test_environment()
        create_database(os.environ["DATABASE_URL"])
        say("Migrating")
        call_command("migrate", verbosity=0)
        say("Loading the demo practice")
        call_command("load_demo", "--no-admin", verbosity=0)
        say(f"Seeding {args.leads // 10:,} leads")
        staff = seed(args.leads // 10)
        client = Client(HTTP_HOST="localhost")
        staff_client = Client()
        staff_client.force_login(staff)
        pass_second_factor(staff_client, staff)

        say("Measuring 1x (the demo)")
        results = {"1x": measure_content(client, staff_client, args.repeat)}
        say("Growing the site by 150 treatments in 12 categories and 1,000 articles")
        grow_started = time.perf_counter()
        grow(HomePage.objects.get(locale=Locale.get_default()), treatments=150, articles=1000, categories=12)
        say(f"  grown in {time.perf_counter() - grow_started:.0f} s")
        say(f"Adding {args.leads - args.leads // 10:,} leads")
        add_leads(args.leads - args.leads // 10)
        say("Measuring 10x")
        results["10x"] = measure_content(client, staff_client, args.repeat)
        print_table(results)
        say(f"\nmake bench-scale took {(time.perf_counter() - started) / 60:.1f} minutes")
    finally:
        subprocess.run(
            [str(ROOT / "scripts" / "postgres.sh"), "stop", directory], check=False, capture_output=True
        )
        subprocess.run(["rm", "-rf", directory, os.environ.get(MEDIA, directory)], check=False)


if __name__ == "__main__":
    main()
