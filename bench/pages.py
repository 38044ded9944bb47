"""Page-speed benchmark: serve the site the production way and load it with wrk.

    make bench                        (or: .venv/bin/python bench/pages.py)
    BENCH_SECONDS=20 make bench       (longer runs; BENCH_CONNECTIONS=32, BENCH_ROUNDS=2 by default)
    WEB_CONCURRENCY=3 WEB_THREADS=4 make bench      (another sizing than practice/server.py's defaults)
    make lighthouse                   (bench/lighthouse.sh: the same site, scored by Lighthouse)

Starts a throwaway PostgreSQL (scripts/postgres.sh), migrates, loads the demo practice and collects
static files with production settings (DEBUG off), measures the uncached render of a treatment page
in-process, then starts our web server (practice/server.py, granian) and, from a separate wrk
process on 127.0.0.1, loads home, a treatment page, an article, the treatments index, ad click
landings (the treatment page with a unique `gclid` per request) and a trivial Django view returning
the treatment page's bytes under gunicorn (the ceiling). Prints requests/s, p50, p99 and the ratio to the ceiling, the cached treatment page's
rate with page views counted and with counting off (two more servers, ANALYTICS_ENABLED=false),
the page weight of a treatment page, and consultation POST throughput when the form exists.
"""

import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
# Each target's SECONDS are split into ROUNDS interleaved runs, so load from other processes on a
# shared machine weighs on every target alike and the ratios to the ceiling stay meaningful.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
HOST = "127.0.0.1"
RENDERS = 50
# How a wrk script's request function starts when each request needs a number of its own: wrk
# threads have a Lua state each and share nothing, so `tid` and `counter` are unique together.
NUMBERED_REQUEST = (
    "threads = 0\n"
    "setup = function(thread)\n"
    "  threads = threads + 1\n"
    '  thread:set("tid", threads)\n'
    "end\n"
    "counter = 0\n"
    "request = function()\n"
    "  counter = counter + 1\n"
)
WEIGHT_BUDGET = 100 * 1024
# Requests each wrk thread writes before an ad-click run: more than a thread sends in one run.
PREPARED_REQUESTS = 200_000


def say(text=""):
    print(text, flush=True)


# ---------------------------------------------------------------- in-process part (Django loaded)


def inspect(ceiling_file):
    """Find the pages to load, time an uncached treatment render, write the ceiling's bytes."""
    import django

    django.setup()
    from django.apps import apps
    from django.test import Client, override_settings
    from wagtail.models import Page

    def first_live(label_suffix):
        types = [m for m in apps.get_models() if issubclass(m, Page) and m.__name__.endswith(label_suffix)]
        pages = [m.objects.live().order_by("path").first() for m in types]
        return next((p for p in pages if p), None)

    treatment = first_live("TreatmentPage")
    standard = first_live("StandardPage")
    article = first_live("ArticlePage")
    index = treatment.get_parent().specific if treatment else None
    if index is not None and index.depth <= 2:  # the home page is not a treatments index
        index = None
    urls = {
        "home": "/",
        "treatment": treatment.url if treatment else None,
        "article": article.url if article else None,
        "treatments index": index.url if index else None,
        "standard page": standard.url if standard else None,
    }

    client = Client(HTTP_HOST="localhost")
    target = urls["treatment"] or "/"
    render = {"url": target}
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get(target)
        assert response.status_code == 200, (target, response.status_code)
        Path(ceiling_file).write_bytes(response.content)
        warm = warm_renders(client, target, RENDERS)
        first = renders_after_publish(client, target, treatment, RENDERS // 5)
        cold = cold_renders(client, target, RENDERS // 5)
    for name, renders in [("", warm), ("first_", first), ("cold_", cold)]:
        render[f"{name}median_ms"] = statistics.median(wall for wall, _, _ in renders)
        render[f"{name}cpu_ms"] = statistics.median(cpu for _, cpu, _ in renders)
        render[f"{name}queries"] = renders[-1][2]
    print(json.dumps({"urls": urls, "render": render}))


def timed_render(client, target):
    """(wall ms, CPU ms, SQL queries) of one request for `target`. CPU time (`time.process_time`)
    is the steadier figure on a shared machine: the clock also counts other processes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started, started_cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target)
    timing = (
        (time.perf_counter() - started) * 1000,
        (time.process_time() - started_cpu) * 1000,
        len(queries),
    )
    assert response.status_code == 200, (target, response.status_code)
    return timing


def warm_renders(client, target, count):
    """An uncached render of `target` with every memo warm, `count` times."""
    client.get(target)
    return [timed_render(client, target) for _ in range(count)]


def renders_after_publish(client, target, page, count):
    """The first render after a publish: an editor publishes a new revision of `page` (its summary
    edited), which purges the page cache and every memo that shows pages; what is keyed on content it
    did not change (the embedded form) is kept."""
    renders = []
    for number in range(count):
        publish_summary(page, edited=number % 2 == 0)
        renders.append(timed_render(client, target))
    publish_summary(page, edited=False)
    return renders


def cold_renders(client, target, count):
    """Fully cold, nothing hidden: every memo and every cache (the shared one included) emptied first."""
    from django.core.cache import caches

    from practice.cache import purge_page_cache

    renders = []
    for _ in range(count):
        purge_page_cache()
        for cache in caches.all():
            cache.clear()
        renders.append(timed_render(client, target))
    return renders


def publish_summary(page, *, edited):
    """Publish a new revision of `page` as an editor would, its summary edited or as it was."""
    page = type(page).objects.get(pk=page.pk)
    original = page.summary.removesuffix(" (edited)")
    page.summary = original + " (edited)" if edited else original
    page.save_revision().publish()


# ---------------------------------------------------------------- orchestration


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def start_postgres(workdir):
    port = 45000 + os.getpid() % 5000
    url = subprocess.run(
        ["scripts/postgres.sh", "start", str(workdir / "pg"), str(port)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE practice")
    return url


def wait_until_up(base, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()  # noqa: S310 (local server)
            return
        except OSError:  # refused while booting, or a first request slower than the timeout
            time.sleep(0.2)
    raise RuntimeError(f"the server at {base} did not answer in time")


def fetch(url, headers=None, data=None):
    """(status, headers, body); the headers are looked up by name in any case (granian, as HTTP/2
    does, sends them in lower case)."""
    request = urllib.request.Request(url, headers=headers or {}, data=data)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def parse_wrk(output):
    def ms(value):
        number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "bad": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def combine(runs):
    """One figure for several runs: mean req/s and p50, worst p99."""
    return {
        "rps": statistics.mean(run["rps"] for run in runs),
        "p50": statistics.mean(run["p50"] for run in runs),
        "p99": max(run["p99"] for run in runs),
        "bad": sum(run["bad"] for run in runs),
        "socket_errors": "; ".join(run["socket_errors"] for run in runs if run["socket_errors"]),
    }


def wrk(url, script=None, seconds=SECONDS, connections=CONNECTIONS, headers=()):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        args += ["-s", str(script)]
    for header in headers:
        args += ["-H", header]
    output = subprocess.run([*args, url], check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


class AssetParser(HTMLParser):
    """Stylesheets, scripts and the first POST form of a page."""

    def __init__(self):
        super().__init__()
        self.assets, self.form, self.in_form, self.select = [], None, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "form" and (attrs.get("method") or "").lower() == "post" and self.form is None:
            self.form, self.in_form = {"action": attrs.get("action") or "", "fields": []}, True
        elif self.in_form and tag in ("input", "textarea"):
            self.form["fields"].append({"tag": tag, **attrs})
        elif self.in_form and tag == "select":
            self.select = {"tag": "select", "name": attrs.get("name"), "options": []}
            self.form["fields"].append(self.select)
        elif self.select is not None and tag == "option":
            self.select["options"].append(attrs.get("value"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None


def page_weight(base, path):
    status, _, html = fetch(base + path)
    parser = AssetParser()
    parser.feed(html.decode())
    rows = [(path + " (HTML)", len(html), len(gzip.compress(html, 6)))]
    for asset in parser.assets:
        _, _, body = fetch(urllib.parse.urljoin(base + path, asset))
        rows.append((asset, len(body), len(gzip.compress(body, 6))))
    return rows


def form_body(fields):
    """Valid-looking answers for each field of the consultation form, by type and name: the first
    choice of each group of radio buttons (a clinic), and only the checkboxes a patient must tick
    (consent; preferred times and marketing are optional)."""
    values, answered = [], set()
    for field in fields:
        name, kind = field.get("name"), (field.get("type") or "text").lower()
        if not name or kind in ("submit", "button"):
            continue
        if (kind == "radio" and name in answered) or (kind == "checkbox" and "required" not in field):
            continue
        answered.add(name)
        if field["tag"] == "select":
            options = [o for o in field["options"] if o]
            if options:
                values.append((name, options[0]))
        elif kind == "hidden":
            values.append((name, field.get("value") or ""))
        elif kind in ("checkbox", "radio"):
            values.append((name, field.get("value") or "on"))
        elif kind == "email" or "email" in name:
            values.append((name, "bench.BENCHSEQ@example.com"))  # made unique per request below
        elif kind == "tel" or "phone" in name:
            values.append((name, "020 7946 0000"))
        elif "website" in name or "url" in name or "honey" in name:
            values.append((name, ""))  # a honeypot stays empty
        else:
            values.append((name, "Bench Patient" if "name" in name else "A question about treatments."))
    return urllib.parse.urlencode(values)


def count_leads(env):
    code = "from leads.models import Lead; print(Lead.objects.count())"
    out = run(PYTHON, "manage.py", "shell", "-c", code, env=env, capture_output=True, text=True).stdout
    return int(out.strip().splitlines()[-1])


def bench_leads(base, env, workdir):
    status, _, html = fetch(base + "/consultation/")
    if status != 200:
        say("Lead POST: skipped: no form at /consultation/")
        return
    parser = AssetParser()
    parser.feed(html.decode())
    if not parser.form:
        say("Lead POST: skipped: /consultation/ has no POST form")
        return
    action = urllib.parse.urljoin(base + "/consultation/", parser.form["action"] or "/consultation/")
    body = form_body(parser.form["fields"])
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": base,
        "Sec-Fetch-Site": "same-origin",
        "Referer": base + "/consultation/",
    }
    time.sleep(3)  # anti-spam checks may refuse forms sent faster than a person could fill them
    before = count_leads(env)
    status, _, _ = fetch(action, headers=headers, data=body.encode())
    if count_leads(env) != before + 1:
        say(f"Lead POST: skipped: a single generated submission was not stored (HTTP {status})")
        return
    lua = workdir / "post.lua"
    path = urllib.parse.urlsplit(action).path
    lua.write_text(
        f"template = {json.dumps(body)}\n"
        "headers = {}\n"
        + "".join(f"headers[{json.dumps(k)}] = {json.dumps(v)}\n" for k, v in headers.items())
        # Each wrk thread has its own Lua state with the same unseeded random numbers, so the
        # sequence is made unique per thread; identical bodies would be (rightly) one lead.
        + NUMBERED_REQUEST
        + '  local seq = tostring(tid) .. "x" .. tostring(counter)\n'
        '  local body = string.gsub(template, "BENCHSEQ", seq)\n'
        f'  return wrk.format("POST", {json.dumps(path)}, headers, body)\n'
        "end\n"
    )
    before = count_leads(env)
    result = wrk(action, script=lua)
    stored = count_leads(env) - before
    sent = round(result["rps"] * SECONDS)
    say(
        f"Lead POST {action}: {stored / SECONDS:.0f} leads/s stored ({stored} rows counted after), "
        f"{result['rps']:.0f} responses/s, p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms; "
        f"~{sent} sent, {result['bad']} answered 4xx/5xx"
    )


AD_CLICKS = "ad click landings"
# The same wrk script and headers with neither click id nor Referer: a hit that sets no cookie. wrk
# builds each scripted request in Lua on the same two cores, so this isolates the server's cost.
SCRIPTED_HITS = "same client, no arrival"
REVALIDATIONS = "revalidation (If-None-Match)"
COMPARED_CONNECTIONS = (8, 32)
REVALIDATION_SAMPLES = 50
CEILING_PORT_OFFSET = 1000
# People's views of the cached treatment page (a browser's User-Agent, a new address each request),
# on two twins of the bench's server: one counts them, the other has counting off.
COUNTED = "people, views counted"
UNCOUNTED = "people, counting off"
COUNTED_PORT_OFFSET, UNCOUNTED_PORT_OFFSET = 2000, 3000
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def ceiling_workers():
    return 2 * (os.cpu_count() or 1) + 1


def start_ceiling(workdir, env):
    """bench/ceiling.py under gunicorn sync workers, -w 2*cores+1; stopped with the bench's session."""
    port = 18000 + os.getpid() % 1000 + CEILING_PORT_OFFSET
    base = f"http://{HOST}:{port}"
    args = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-k", "sync", "-w", str(ceiling_workers())]
    args += ["--bind", f"{HOST}:{port}", "bench.ceiling:application"]
    log = (workdir / "ceiling.log").open("w")
    server = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    SIDE_SERVERS.append(server)
    wait_until_up(base)
    return base


def start_server(workdir, env, port_offset, **settings):
    """Our web server as production runs it (practice/server.py), on the bench's port plus
    `port_offset`, with `settings` in its environment and its logs, access log included, in the
    bench's folder; stopped with the bench's session. Its base URL."""
    port = 18000 + os.getpid() % 1000 + port_offset
    base = f"http://{HOST}:{port}"
    server_env = {
        **env,
        "WEB_HOST": HOST,
        "PORT": str(port),
        "WEB_ACCESS_LOG": str(workdir / f"access-{port_offset}.log"),
        **settings,
    }
    log = (workdir / f"server-{port_offset}.log").open("w")
    server = subprocess.Popen(
        [PYTHON, "-m", "practice.server"], cwd=ROOT, env=server_env, stdout=log, stderr=subprocess.STDOUT
    )
    SIDE_SERVERS.append(server)
    wait_until_up(base)
    return base


# Servers the bench started (its own, the ceiling, the counting twins), stopped with it.
SIDE_SERVERS = []


def people_script(workdir, path):
    """A wrk script requesting `path` as people's browsers do, each request from a new address (as
    our proxy forwards it), so the limit of one counted view a second per address hides nothing."""
    script = workdir / "people.lua"
    script.write_text(
        f'headers = {{}}\nheaders["User-Agent"] = {json.dumps(BROWSER)}\n'
        + NUMBERED_REQUEST
        + '  headers["X-Forwarded-For"] = "10." .. tid .. "." .. (math.floor(counter / 250) % 250) .. "." '
        ".. (counter % 250 + 1)\n"
        f'  return wrk.format("GET", {json.dumps(path)}, headers)\n'
        "end\n"
    )
    return script


def counted_views(env):
    """How many page views the bench's server has written to the table so far."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as conn:
        return conn.execute("SELECT coalesce(sum(views), 0) FROM analytics_pageviewcount").fetchone()[0]


def wire(base, path, etag, revalidations):
    """What a browser downloads for the page: compressed sizes, and how revalidations are answered."""
    sizes = []
    for accept in ("gzip", "br, gzip"):
        _, headers, body = fetch(base + path, headers={"Accept-Encoding": accept})
        sizes.append(
            f"{len(body) / 1024:.1f} KB with Accept-Encoding: {accept} ({headers.get('Content-Encoding', 'identity')})"
        )
    _, _, identity = fetch(base + path)
    say(
        f"Treatment page HTML on the wire: {identity and len(identity) / 1024:.1f} KB uncompressed; "
        + "; ".join(sizes)
        + " (goal < 10 KB)"
    )
    answered = [fetch(base + path, headers={"If-None-Match": etag})[0] for _ in range(REVALIDATION_SAMPLES)]
    rate = f", {revalidations[3]['rps']:.0f} req/s under load" if revalidations else ""
    say(f"Revalidation with the page's ETag: {answered.count(304)} of {len(answered)} answered 304{rate}")


def ad_click_script(workdir, path, *, click_ids=True):
    """A wrk script requesting `path` with a new gclid on every request, as ad clicks arrive; with
    `click_ids` false, the same requests with neither the gclid nor the Referer.

    Each wrk thread writes its requests before the run, so wrk's Lua, which runs on the same cores
    as the server, costs the same with and without click ids and no more than a plain run's."""
    script = workdir / ("ad_clicks.lua" if click_ids else "scripted_hits.lua")
    # Unique per thread and per run: a random prefix, the thread's number, the request's.
    query = '"?gclid=Cj0KCQ" .. prefix .. "x" .. tostring(i)' if click_ids else '""'
    prepared = PREPARED_REQUESTS if click_ids else 1
    script.write_text(
        "headers = {}\n"
        + ('headers["Referer"] = "https://www.google.com/"\n' if click_ids else "")
        + 'headers["Cookie"] = "practice_cookie_choice=accepted"\n'
        "threads = 0\n"
        "setup = function(thread)\n"
        "  threads = threads + 1\n"
        '  thread:set("tid", threads)\n'
        "end\n"
        "init = function(args)\n"
        "  math.randomseed(os.time() + tid)\n"
        '  prefix = tostring(math.random(100000000)) .. "t" .. tostring(tid)\n'
        "  requests = {}\n"
        f"  for i = 1, {prepared} do\n"
        f'    requests[i] = wrk.format("GET", {json.dumps(path)} .. {query}, headers)\n'
        "  end\n"
        "  counter = 0\n"
        "end\n"
        "request = function()\n"
        f"  counter = counter % {prepared} + 1\n"
        "  return requests[counter]\n"
        "end\n"
    )
    return script


def machine():
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.*)", cpuinfo.read_text())
        cpu = found.group(1) if found else cpu
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.platform()}"


@contextlib.contextmanager
def production_site():
    """PostgreSQL, demo content and our web server with production settings; yields (base URL, env,
    report, workdir)."""
    workdir = Path(tempfile.mkdtemp(prefix="practice-bench-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user when we are root
    ceiling_file = workdir / "ceiling.html"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "practice.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + os.urandom(16).hex(),
        "LEADS_IP_HASH_KEY": "bench-only-" + os.urandom(16).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Production refuses an http:// admin address (passkeys are bound to it: otp_webauthn.E031).
        "WAGTAILADMIN_BASE_URL": "https://localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SERVE_MEDIA": "true",  # no web server in front to serve image renditions
        "PAGE_CACHE_DIR": str(workdir / "page-cache"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PRACTICE_BENCH_CEILING_FILE": str(ceiling_file),  # for bench/ceiling.py
        # Every POST comes from 127.0.0.1; the per-address limit is for the wide world, not this.
        "LEADS_RATE_LIMIT": "1000000/s",
        # wrk stands for the proxy in front: people's views name their address in X-Forwarded-For.
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    try:
        say(f"Machine: {machine()}")
        env["DATABASE_URL"] = start_postgres(workdir)
        say("Preparing: migrate, load_demo, collectstatic (production settings, DEBUG off)")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=env, **quiet)
        # The demo app exists only in the development settings (never in production).
        demo_env = {**env, "DJANGO_SETTINGS_MODULE": "practice.settings.dev"}
        run(PYTHON, "manage.py", "load_demo", "--no-admin", env=demo_env, **quiet)
        run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v0", env=env)
        found = run(
            PYTHON, "bench/pages.py", "--inspect", str(ceiling_file), env=env, capture_output=True, text=True
        )
        report = json.loads(found.stdout.strip().splitlines()[-1])

        base = start_server(workdir, env, 0)
        say(
            f"Serving with python -m practice.server (granian, WEB_CONCURRENCY={env.get('WEB_CONCURRENCY', 'cores')}, "
            f"WEB_THREADS={env.get('WEB_THREADS', 'its default')}) on {base}"
        )
        yield base, env, report, workdir
    finally:
        for side in SIDE_SERVERS:
            side.terminate()
            side.wait(timeout=30)
        subprocess.run(["scripts/postgres.sh", "stop", str(workdir / "pg")], cwd=ROOT, check=False)
        shutil.rmtree(workdir, ignore_errors=True)


def load_test():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it)")
    with production_site() as (base, env, report, workdir):
        render = report["render"]
        say(
            f"Uncached render of {render['url']}: median {render['median_ms']:.1f} ms ({render['cpu_ms']:.1f} ms CPU) "
            f"over {RENDERS} renders, {render['queries']} SQL queries (targets: < 15 ms, <= 10 queries)"
        )
        say(
            f"First render after a publish of it (its summary edited): median {render['first_median_ms']:.1f} ms "
            f"({render['first_cpu_ms']:.1f} ms CPU) over {RENDERS // 5} renders, {render['first_queries']} SQL "
            f"queries (targets: 20 ms, <= 10 queries); fully cold (every memo and cache emptied): median "
            f"{render['cold_median_ms']:.1f} ms ({render['cold_cpu_ms']:.1f} ms CPU), {render['cold_queries']} SQL queries"
        )
        seconds = max(1, SECONDS // ROUNDS)
        say(
            f"wrk -t2 -c{CONNECTIONS} --latency from a separate process, {ROUNDS} interleaved rounds "
            f"of {seconds}s per target:"
        )
        ceiling_base = start_ceiling(workdir, env)
        treatment = report["urls"]["treatment"]
        etag = fetch(base + treatment)[1].get("ETag", "") if treatment else ""
        # (name, base, path, connections, wrk script, headers); pages at CONNECTIONS, and the
        # treatment page against the ceiling at 8 and at 32 connections.
        targets = [(name, base, url, CONNECTIONS, None, ()) for name, url in report["urls"].items()]
        if treatment:
            # Each request a new visitor from a Google ad: a unique gclid, the Referer, and the
            # choice cookie of one who accepted attribution, so the cookie is signed every time.
            ads = ad_click_script(workdir, treatment)
            targets.append((AD_CLICKS, base, treatment + "?gclid=bench", CONNECTIONS, ads, ()))
            scripted = ad_click_script(workdir, treatment, click_ids=False)
            targets.append((SCRIPTED_HITS, base, treatment, CONNECTIONS, scripted, ()))
            targets.append((REVALIDATIONS, base, treatment, CONNECTIONS, None, (f"If-None-Match: {etag}",)))
            people = people_script(workdir, treatment)
            counted_base = start_server(workdir, env, COUNTED_PORT_OFFSET)
            targets.append((COUNTED, counted_base, treatment, CONNECTIONS, people, ()))
            uncounted_base = start_server(workdir, env, UNCOUNTED_PORT_OFFSET, ANALYTICS_ENABLED="false")
            targets.append((UNCOUNTED, uncounted_base, treatment, CONNECTIONS, people, ()))
            for connections in COMPARED_CONNECTIONS:
                targets.append((f"treatment @{connections}", base, treatment, connections, None, ()))
                targets.append((f"ceiling @{connections}", ceiling_base, treatment, connections, None, ()))
        cached = []
        for name, server, path, connections, script, headers in targets:
            if path is None:
                say(f"  {name:<28} skipped: no such page in the demo content")
                continue
            fetch(server + path)
            status, answer_headers, _ = fetch(server + path)
            if status != 200:
                say(f"  {name:<28} skipped: HTTP {status} at {path}")
                continue
            cached.append(
                (name, server, path, connections, script, headers, answer_headers.get("X-Cache", "-"))
            )
        runs = {target[0]: [] for target in cached}
        for _ in range(ROUNDS):
            for name, server, path, connections, script, headers, _cache in cached:
                runs[name].append(wrk(server + path, script, seconds, connections, headers))
        results = {
            target[0]: (target[2], target[3], target[6], combine(runs[target[0]])) for target in cached
        }
        say(
            f"Load average (1, 5, 15 min) after the runs: {os.getloadavg()}: other work on the machine counts"
        )
        ceiling = results.get(f"ceiling @{CONNECTIONS}", (None, None, None, {"rps": 0}))[3]["rps"]
        say()
        say(
            f"{'page':<28} {'path':<34} {'conns':>5} {'cache':<6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ceiling':>8}"
        )
        for name, (path, connections, cache, result) in results.items():
            same = results.get(f"ceiling @{connections}", (None, None, None, {"rps": ceiling}))[3]["rps"]
            ratio = f"{result['rps'] / same:.0%}" if same else "-"
            problems = f"  ({result['bad']} non-2xx/3xx)" if result["bad"] else ""
            problems += f"  (socket errors: {result['socket_errors']})" if result["socket_errors"] else ""
            say(
                f"{name:<28} {path[:34]:<34} {connections:>5} {cache:<6} {result['rps']:>8.0f} {result['p50']:>8.2f} "
                f"{result['p99']:>8.2f} {ratio:>8}{problems}"
            )
        say(
            f"The ceiling: bench/ceiling.py, bare Django returning the bytes of {render['url']} under gunicorn "
            f"sync workers ({ceiling_workers()}); ratios are to the ceiling at the same connections."
        )
        for connections in COMPARED_CONNECTIONS:
            page, top = results.get(f"treatment @{connections}"), results.get(f"ceiling @{connections}")
            if page and top:
                say(
                    f"Cached treatment page at {connections} connections: {page[3]['rps']:.0f} req/s = "
                    f"{page[3]['rps'] / top[3]['rps']:.0%} of the ceiling's {top[3]['rps']:.0f} (goal >= 150%); "
                    f"p99 {page[3]['p99']:.2f} ms vs the ceiling's {top[3]['p99']:.2f} ms (goal: below)"
                )
        if AD_CLICKS in results and f"treatment @{CONNECTIONS}" in results:
            ads, page = results[AD_CLICKS][3]["rps"], results[f"treatment @{CONNECTIONS}"][3]["rps"]
            say(
                f"Ad click landings (a unique gclid each): {ads:.0f} req/s, "
                f"{ads / page:.0%} of the cached treatment page's {page:.0f} req/s (goal >= 90%)"
            )
            if SCRIPTED_HITS in results:
                same = results[SCRIPTED_HITS][3]["rps"]
                say(
                    f"  and {ads / same:.0%} of the same wrk script's {same:.0f} req/s without a click id "
                    "(the server's own cost of a landing; wrk's Lua runs on the same cores)"
                )
        if COUNTED in results and UNCOUNTED in results:
            counted, uncounted = results[COUNTED][3]["rps"], results[UNCOUNTED][3]["rps"]
            say(
                f"Page views counted: {counted:.0f} req/s of the cached treatment page with counting on, "
                f"{uncounted:.0f} with it off (ANALYTICS_ENABLED=false; two servers started alike): "
                f"{counted / uncounted:.0%} (goal >= 90%); {counted_views(env)} views written to the table "
                "so far (each worker writes every ANALYTICS_FLUSH_SECONDS)"
            )
        if treatment:
            wire(base, treatment, etag, results.get(REVALIDATIONS))
        say()

        weight_path = report["urls"]["treatment"] or "/"
        rows = page_weight(base, weight_path)
        total = sum(row[2] for row in rows)
        say(f"Page weight of {weight_path} (gzip -6; HTML and the CSS and JS it links):")
        for url, raw, compressed in rows:
            say(f"  {url:<60} {raw / 1024:>7.1f} KB raw {compressed / 1024:>7.1f} KB gzip")
        say(f"  total {total / 1024:.1f} KB compressed (budget {WEIGHT_BUDGET // 1024} KB)")
        say()
        bench_leads(base, env, workdir)


# The demo's laser page in its other languages (demo/translations/).
TRANSLATED_PAGES = [
    ("treatment es", "/es/tratamientos/tensado-de-la-piel-con-laser/"),
    ("treatment ar", "/ar/treatments/laser-skin-tightening/"),
]


def lighthouse():
    """Lighthouse's four scores (mobile preset) for home, treatment, article and consultation pages,
    and the demo's treatment page in Spanish and in Arabic (right to left)."""
    binary = ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    reports = ROOT / "var" / "lighthouse" / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    with production_site() as (base, _env, report, _workdir):
        urls = report["urls"]
        pages = [
            ("home", urls["home"]),
            ("treatment", urls["treatment"]),
            ("article", urls["article"]),
            ("consultation", "/consultation/" if fetch(base + "/consultation/")[0] == 200 else None),
            *[(name, path if fetch(base + path)[0] == 200 else None) for name, path in TRANSLATED_PAGES],
        ]
        say(f"\n{'page':<14} {'path':<34} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
        for name, path in pages:
            if path is None:
                say(f"{name:<14} skipped: no such page on this branch")
                continue
            fetch(base + path)  # warm the page cache, as a visitor after the first would find it
            command = [
                str(binary),
                base + path,
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ]
            env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
            # A headless Chromium start-up now and then fails on a busy machine: one more try, then say why.
            for _attempt in range(2):
                run = subprocess.run(command, env=env, capture_output=True, text=True)
                if run.returncode == 0:
                    break
            if run.returncode != 0:
                say(f"{name:<14} {path:<34} lighthouse failed: {run.stderr.strip()[-400:]}")
                continue
            output = run.stdout
            (reports / f"{name}.json").write_text(output)
            result = json.loads(output)
            keys = ("performance", "accessibility", "best-practices", "seo")
            scores = [round((result["categories"][key]["score"] or 0) * 100) for key in keys]
            say(f"{name:<14} {path:<34} " + " ".join(f"{score:>5}" for score in scores))
            for key in keys:
                for ref in result["categories"][key]["auditRefs"]:
                    audit = result["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        say(
                            f"{'':<14}   {key}: {audit['id']} ({audit['score']}) {audit.get('displayValue', '')}"
                        )
        say(f"Goals: performance >= 95; accessibility, best practices and SEO 100. Full reports: {reports}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:2] == ["--inspect"]:
        inspect(sys.argv[2])
    elif sys.argv[1:2] == ["--lighthouse"]:
        lighthouse()
    else:
        load_test()
