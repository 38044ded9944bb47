"""Seed 100,000 leads in a throwaway PostgreSQL and time the lead admin (listing, filters, search, dashboard, report, export), then again at 1,000,000.

    .venv/bin/python bench/leads_admin.py [--leads 100000] [--times 10] [--repeat 5] [--keep]
    .venv/bin/python bench/leads_admin.py --database-url URL [--database-url URL]  # kept by --keep
    .venv/bin/python bench/leads_admin.py ... --only search --only filter  # those requests only

Starts its own server with scripts/postgres.sh (as `make test` does), seeds the leads, copies the
database and grows the copy tenfold (`add_leads`, as bench/scale.py does), then times each request
in both, one request in each in turn so that both sizes meet the machine's load alike: one line per
request with the median time and, in brackets, its time in SQL, then both sizes side by side with
their ratio, "flat" within 20%. On a shared machine the time in SQL is the steadier figure.
Seeding a million leads takes a few minutes.
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start_postgres(directory, port):
    url = subprocess.run(
        [str(ROOT / "scripts" / "postgres.sh"), "start", directory, str(port)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return url


def create_database(url):
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


# Leads written through the ORM, each with its own random details; beyond that many, the rest are
# copied in SQL (a million leads in a minute or two rather than most of an hour).
WRITTEN_ONE_BY_ONE = 10_000


def seed(count):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.utils import timezone
    from faker import Faker

    from leads.models import Lead, LeadEvent

    fake = Faker("en_GB")
    Faker.seed(1)
    rng = random.Random(1)
    first_names = [fake.first_name() for _ in range(500)]
    last_names = [fake.last_name() for _ in range(1000)]
    treatments = ["Laser skin tightening", "Anti-wrinkle consultation", "Chemical peel", "Dermal fillers", ""]
    sources = [("google", "cpc", "spring-peels"), ("instagram", "social", "glow-2026"), ("", "", "")] * 2 + [
        ("newsletter", "email", "october")
    ]
    statuses = (
        ["new"] * 10 + ["contacted"] * 25 + ["booked"] * 15 + ["patient"] * 20 + ["lost"] * 20 + ["spam"] * 10
    )

    staff = []
    group = Group.objects.get(name="Front desk")
    for index in range(5):
        user = get_user_model().objects.create_user(
            f"desk{index}", first_name=fake.first_name(), last_name="Desk"
        )
        user.groups.add(group)
        staff.append(user)

    now = timezone.now()
    today = timezone.localdate()
    started = time.perf_counter()
    batch = []
    for index in range(min(count, WRITTEN_ONE_BY_ONE)):
        created = now - datetime.timedelta(minutes=rng.randint(0, 730 * 24 * 60))
        status = rng.choice(statuses)
        source, medium, campaign = rng.choice(sources)
        first, last = rng.choice(first_names), rng.choice(last_names)
        contacted = (
            created + datetime.timedelta(minutes=rng.randint(5, 3000))
            if status in ("contacted", "booked", "patient")
            else None
        )
        lead = Lead(
            first_name=first,
            last_name=last,
            email=f"{first}.{last}.{index}@example.com".lower(),
            phone=f"+4477009{index:05d}"[:13],
            treatment_title=rng.choice(treatments),
            message=fake.sentence(nb_words=15) if index % 10 == 0 else "",
            consent_text="I agree to be contacted about my request.",
            consent_version="2026-01",
            consented_at=created,
            utm_source=source,
            utm_medium=medium,
            utm_campaign=campaign,
            referrer="https://www.example.org/" if not source and index % 3 else "",
            status=status,
            assignee=rng.choice(staff) if status != "new" and status != "spam" else None,
            follow_up_on=today + datetime.timedelta(days=rng.randint(-10, 20))
            if status in ("contacted", "booked")
            else None,
            lost_reason="Price" if status == "lost" else "",
            first_contacted_at=contacted,
            notification_state="sent",
        )
        lead.name_arrival()  # bulk_create skips save(), where new leads are named
        batch.append(lead)
        if len(batch) == 5000:
            Lead.objects.bulk_create(batch)
            batch = []
    Lead.objects.bulk_create(batch)
    # auto_now_add ignores the value given; set the spread of dates in one statement.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE leads_lead SET created_at = consented_at, updated_at = consented_at")
    add_leads(max(count - WRITTEN_ONE_BY_ONE, 0))
    print(
        f"Seeded {Lead.objects.count():,} leads and {LeadEvent.objects.count():,} events in {time.perf_counter() - started:.1f} s"
    )
    return staff[0]


def add_leads(count):
    """Add `count` leads in a few statements, as copies of those there: each copy arrives at its
    own random moment of the last two years (its first answer as long after as the original's)
    and has its own email address and phone number. Then the new leads' timelines, and fresh
    planner statistics."""
    from django.db import connection

    from leads.models import Lead

    columns = [field.column for field in Lead._meta.concrete_fields if not field.primary_key]
    # Naming the row keeps PostgreSQL from drawing the moment once and reusing it for every copy.
    arrival = "now() - (random() + 0 * (copy + id)) * interval '730 days'"
    changed = {
        "email": "copy || '.' || email",
        "phone": "'+447' || lpad((copy * 100000 + id %% 100000)::text, 9, '0')",
        "first_contacted_at": "first_contacted_at - created_at + arrival",
        "created_at": "arrival",
        "updated_at": "arrival",
        "consented_at": "arrival",
    }
    with connection.cursor() as cursor:
        # Leads after the last with a timeline have none yet (the ones before have theirs, if any).
        cursor.execute("SELECT coalesce(max(lead_id), 0) FROM leads_leadevent")
        last_with_timeline = cursor.fetchone()[0]
        if count:
            # Indexes are built once after the insert rather than row by row during it: the trigram
            # GIN indexes of the admin's search made a 900,000-row insert take over ten minutes.
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'leads_lead'"
                " AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
            )
            indexes = cursor.fetchall()
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            cursor.execute(
                f"INSERT INTO leads_lead ({', '.join(columns)})"  # noqa: S608  column names from the model
                f" SELECT {', '.join(changed.get(column, column) for column in columns)}"
                f" FROM (SELECT * FROM leads_lead ORDER BY id LIMIT {WRITTEN_ONE_BY_ONE}) AS lead,"
                f" generate_series(1, %s) AS copy, LATERAL (SELECT {arrival} AS arrival) AS moment"
                " ORDER BY copy, id LIMIT %s",
                [-(-count // WRITTEN_ONE_BY_ONE), count],
            )
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _, definition in indexes:
                cursor.execute(definition)
        # Each contacted lead's timeline: contacted, then booked for those who went further.
        for from_status, to_status, statuses in [
            ("new", "contacted", ("contacted", "booked", "patient")),
            ("contacted", "booked", ("booked", "patient")),
        ]:
            cursor.execute(
                "INSERT INTO leads_leadevent (lead_id, kind, actor_id, from_status, to_status, note, created_at)"
                " SELECT id, 'status', assignee_id, %s, %s, '', first_contacted_at FROM leads_lead"
                " WHERE first_contacted_at IS NOT NULL AND status = ANY(%s) AND id > %s",
                [from_status, to_status, list(statuses), last_with_timeline],
            )
        cursor.execute("VACUUM ANALYZE leads_lead")
        cursor.execute("VACUUM ANALYZE leads_leadevent")


def timed_request(client, url):
    """Request `url`: (ms, ms of it in SQL, the queries, the body)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = (time.perf_counter() - started) * 1000
    # A large spreadsheet is written in the background: the inbox answers with a redirect.
    expected = (200, 302) if "export=xlsx" in url else (200,)
    assert response.status_code in expected, (url, response.status_code)
    return elapsed, sum(float(query["time"]) for query in queries.captured_queries) * 1000, queries, body


def measure(client, label, url, repeat):
    """Request `url` once to warm caches and `repeat` times more; print and return the median
    time, the median time in SQL (both ms) and the last request's queries."""
    timings, sql_timings = [], []
    for attempt in range(repeat + 1):
        elapsed, in_sql, queries, body = timed_request(client, url)
        if attempt:  # the first request warms caches and is not counted
            timings.append(elapsed)
            sql_timings.append(in_sql)
    print(
        f"{label:<40} {statistics.median(timings):>7.0f} ms {max(timings):>7.0f} ms"
        f" {statistics.median(sql_timings):>7.0f} ms {len(queries):>4} {len(body) / 1024:>7.0f} KiB",
        flush=True,
    )
    return statistics.median(timings), statistics.median(sql_timings), queries


STALE = "report, 12 weeks, last 7 days stale"


def cases(user):
    """(label, URL) of each request timed at every size."""
    from leads.models import Lead

    today = datetime.date.today()
    lead_id = Lead.objects.order_by("-id").values_list("id", flat=True)[500]
    return [
        ("listing, first page", "/admin/leads/"),
        ("listing, page 50", "/admin/leads/?p=50"),
        ("listing, page 1000 (deep offset)", "/admin/leads/?p=1000"),
        ("filter: status new", "/admin/leads/?status=new"),
        ("filter: source instagram", "/admin/leads/?source=instagram"),
        ("filter: campaign + assignee", f"/admin/leads/?utm_campaign=spring-peels&assignee={user.pk}"),
        ("filter: overdue follow-ups", "/admin/leads/?overdue=true"),
        (
            "filter: received last 7 days",
            f"/admin/leads/?created_at_from={today - datetime.timedelta(days=7)}",
        ),
        ("search: last name", "/admin/leads/?q=smith"),
        ("search: full name", "/admin/leads/?q=james+smith"),
        ("search: phone national", "/admin/leads/?q=07700900123"),
        ("search: email fragment", "/admin/leads/?q=example.com"),
        ("lead detail", f"/admin/leads/{lead_id}/"),
        ("dashboard (panel + menu count)", "/admin/"),
        ("report, 12 weeks", "/admin/leads/report/"),
        ("report, 52 weeks", "/admin/leads/report/?weeks=52"),
        ("export CSV, status new (filtered)", "/admin/leads/?status=new&export=csv"),
        ("export XLSX, status new (filtered)", "/admin/leads/?status=new&export=xlsx"),
        (STALE, "/admin/leads/report/"),  # the last 7 days stale from here on
        ("dashboard, last 7 days stale", "/admin/"),
    ]


def signed_in(user):
    """A test client signed in as `user`, authenticator code included, as the front desk signs in."""
    from django.test import Client

    from tests.second_factor import pass_second_factor

    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    return client


def copy_database(url, suffix):
    """A copy of the database at `url` (nobody connected to it), named with `suffix`; its URL."""
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}{suffix}" TEMPLATE "{name}"')
    return f"{url}{suffix}"


def use(url):
    """Point Django's connection at the database at `url`, on the same server."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = url.rsplit("/", 1)[1]


def measure_sizes(sizes, repeat, only=None):
    """Summarise each database of `sizes` ({size: URL}) as the worker would, then time every case
    (or those whose label holds a word of `only`) in each, a request in each in turn, so that
    every size meets the machine's load alike (timed one size after the other, minutes apart, the
    ratios of a shared machine swing by 2x). Prints a line per case; returns
    {size: {name: (ms, "ms")}}, each request's time and its time in SQL."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from frontdesk.models import LeadDay
    from leads.models import Lead

    clients, urls = {}, {}
    for size, url in sizes.items():
        use(url)
        started = time.perf_counter()
        call_command("summarise_lead_days", verbosity=0)
        print(
            f"Summarised the days of {Lead.objects.count():,} leads in {time.perf_counter() - started:.1f} s"
        )
        user = get_user_model().objects.get(username="desk0")
        chosen = [case for case in cases(user) if not only or any(word in case[0] for word in only)]
        clients[size], urls[size] = signed_in(user), chosen
    results = {size: {} for size in sizes}
    print(f"\n{'request':<40}" + "".join(f" {size + ' ms (SQL)':>22}" for size in sizes), flush=True)
    for index, (label, _) in enumerate(urls[next(iter(sizes))]):
        if label == STALE:
            # Working a lead marks its day stale until the worker's next round (within minutes):
            # those days are read live meanwhile, at a cost that grows with the leads of a day.
            for url in sizes.values():
                use(url)
                LeadDay.objects.filter(day__gte=datetime.date.today() - datetime.timedelta(days=7)).update(
                    stale=True
                )
        timings = {size: [] for size in sizes}
        for attempt in range(1 + (1 if "export" in label else repeat)):
            for size, url in sizes.items():
                use(url)
                elapsed, in_sql, *_ = timed_request(clients[size], urls[size][index][1])
                if attempt:  # the first request warms caches and is not counted
                    timings[size].append((elapsed, in_sql))
        line = f"{label:<40}"
        for size in sizes:
            ms = statistics.median(elapsed for elapsed, _ in timings[size])
            in_sql = statistics.median(in_sql for _, in_sql in timings[size])
            results[size][label], results[size][f"{label}: in SQL"] = (ms, "ms"), (in_sql, "ms")
            line += f" {ms:>13.0f} ({in_sql:>6.0f})"
        print(line, flush=True)
    for url in sizes.values():
        use(url)
        call_command("summarise_lead_days", verbosity=0)  # the stale days, for a next run
    return results


FLAT = 1.2  # a figure at the larger size within 20% of the smaller one's


def print_table(results):
    """`results` {size: {name: (value, unit)}} for two sizes, side by side with their ratio, and
    whether it is flat (within 20%), grows or falls."""
    (small, at_small), (large, at_large) = results.items()
    print(f"\n{'':<44} {small:>10} {large:>10} {'ratio':>8}", flush=True)
    for name, (one, unit) in at_small.items():
        ten = at_large[name][0]
        ratio = ten / one if one else (1.0 if not ten else float("inf"))
        verdict = "flat" if 1 / FLAT <= ratio <= FLAT else ("grows" if ratio > FLAT else "falls")
        print(f"{name:<44} {one:>7.1f} {unit:<3}{ten:>7.1f} {unit:<3}{ratio:>6.2f}  {verdict}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--times", type=int, default=10, help="and a copy grown to this many times --leads")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", action="append", help="time only the requests whose label holds this")
    parser.add_argument("--port", type=int, help="the throwaway PostgreSQL's port")
    parser.add_argument(
        "--keep", action="store_true", help="leave the databases running and print their URLs"
    )
    parser.add_argument(
        "--database-url",
        action="append",
        help="time databases seeded before (with --keep) instead, as they are",
    )
    args = parser.parse_args()

    directory = None if args.database_url else tempfile.mkdtemp(prefix="leads-bench-pg-")
    port = args.port or 40000 + os.getpid() % 20000
    url = args.database_url[0] if args.database_url else start_postgres(directory, port)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "practice.settings.test"
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import setup_test_environment

        from leads.models import Lead

        setup_test_environment()
        if args.database_url:
            sizes = {}
            for url in args.database_url:
                use(url)
                call_command("migrate", verbosity=0)
                sizes[f"{Lead.objects.count():,}"] = url
        else:
            create_database(url)
            call_command("migrate", verbosity=0)
            user = seed(args.leads)
            for label, export in [
                ("export CSV, everything but spam", "/admin/leads/?export=csv"),
                ("export XLSX, everything but spam", "/admin/leads/?export=xlsx"),
            ]:
                measure(signed_in(user), label, export, 1)
            sizes = {f"{args.leads:,}": url}
            if args.times > 1:
                connection.close()
                grown = copy_database(url, "_grown")
                use(grown)
                started = time.perf_counter()
                add_leads(args.leads * (args.times - 1))
                print(
                    f"\nA copy grown to {args.leads * args.times:,} leads in {time.perf_counter() - started:.0f} s"
                )
                sizes[f"{args.leads * args.times:,}"] = grown
        results = measure_sizes(sizes, args.repeat, args.only)
        if len(results) == 2:
            print_table(results)
        if args.keep:
            print("\nThe databases are kept: " + " ".join(f"--database-url {url}" for url in sizes.values()))
            print(f"Stop them with: scripts/postgres.sh stop {directory}")
    finally:
        if directory and not args.keep:
            subprocess.run(
                [str(ROOT / "scripts" / "postgres.sh"), "stop", directory], check=False, capture_output=True
            )
            subprocess.run(["rm", "-rf", directory], check=False)


if __name__ == "__main__":
    main()
