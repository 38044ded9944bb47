"""Drive two app servers that share one PostgreSQL and one Redis, and print what held.

Started by bench/multi_server.sh, which sets the environment (DATABASE_URL, REDIS_URL, production
settings). Every request goes to 127.0.0.1 only, in bounded loops. Checks:

- both servers are healthy and serve the site;
- a login made through one server is a login on the other (sessions shared), and so is a logout;
- a page published through one server is served by the other, and so is a later edit;
- failed logins spread over both servers add up to one lockout (django-axes in the database);
- when the consultation form and the lead worker are on this branch: leads sent to both servers
  are each stored exactly once and each notified.
"""

import http.client
import json
import os
import re
import statistics
import sys
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import django

USERNAME = os.environ.get("DEMO_ADMIN_USERNAME", "admin")
PASSWORD = os.environ.get("DEMO_ADMIN_PASSWORD", "practice-demo-admin")
RESULTS = []


class Browser:
    """One visitor's cookies against one server, over plain HTTP as a TLS proxy would forward it."""

    def __init__(self, base, cookies=None):
        self.base = urlsplit(base)
        self.cookies = cookies if cookies is not None else {}

    def on(self, base):
        """The same visitor (same cookies) talking to another server."""
        return Browser(base, self.cookies)

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=30)
        headers = {"Host": "localhost", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "https://localhost" + path
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in ('""', "") or "max-age=0" in value.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
        connection.close()
        return response.status, dict(response.getheaders()), text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, form)

    def csrf_token(self, html):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else self.cookies.get("csrftoken", "")

    def log_in(self, username=USERNAME, password=PASSWORD):
        _, _, html = self.get("/admin/login/")
        return self.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": self.csrf_token(html), "username": username, "password": password},
        )[0]

    def pass_second_factor(self, username=USERNAME):
        """After the password, a superuser types a code (staff/): here one of their recovery codes,
        since an authenticator code cannot be used twice within its 30 seconds."""
        from django.contrib.auth import get_user_model

        from staff.second_factor import new_recovery_codes
        from tests.second_factor import authenticator

        user = get_user_model().objects.get(username=username)
        authenticator(user)
        _, _, html = self.get("/admin/two-factor/verify/")
        form = {"csrfmiddlewaretoken": self.csrf_token(html), "code": new_recovery_codes(user)[0]}
        return self.post("/admin/two-factor/verify/", form)[0]


def check(name, ok, detail=""):
    RESULTS.append((name, ok, detail))
    print(f"  {'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)


def wait_until(predicate, timeout=30.0, step=0.05):
    """Seconds until predicate() is true, or None after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(step)
    return None


def page_form(browser, path, title, slug):
    _, _, html = browser.get(path)
    return {
        "csrfmiddlewaretoken": browser.csrf_token(html),
        "title": title,
        "slug": slug,
        "intro": "Published through one server, read through the other.",
        "seo_title": "",
        "search_description": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }


def latency(base, path, count):
    browser = Browser(base)
    times, errors = [], 0
    for _ in range(count):
        start = time.perf_counter()
        status, _, _ = browser.get(path)
        times.append((time.perf_counter() - start) * 1000)
        errors += status != 200
    return statistics.median(times), sorted(times)[int(len(times) * 0.95) - 1], errors


class FormFields(HTMLParser):
    """The fields of the first form posting to /consultation/, answered as a patient would (a
    generic filler, no leads import)."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select = {}, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "/consultation/" in (attrs.get("action") or "/consultation/"):
            self.in_form = True
        elif self.in_form and tag in ("input", "textarea") and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind == "radio" or (kind == "checkbox" and "required" in attrs):
                # The first choice of each group, and only the boxes a patient must tick: preferred
                # times and "none of these suit me" both ticked is refused.
                self.fields.setdefault(attrs["name"], attrs.get("value", "on"))
            elif kind != "checkbox":
                self.fields[attrs["name"]] = attrs.get("value", "")
        elif self.in_form and tag == "select":
            self.select = attrs.get("name")
        elif self.in_form and tag == "option" and self.select and attrs.get("value"):
            self.fields.setdefault(self.select, attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None


def send_leads(servers, count):
    """Send `count` consultation requests alternating servers; return the emails that were accepted.

    Every form is fetched first and sent a few seconds later, as a person would: a form sent sooner
    than LEADS_FORM_MIN_SECONDS after it was shown is recorded as spam and never notified.
    """
    shown = []
    for number in range(count):
        browser = Browser(servers[number % 2])
        status, _, html = browser.get("/consultation/")
        if status != 200:
            return None
        parser = FormFields()
        parser.feed(html)
        shown.append((browser, parser.fields))
    time.sleep(3.5)
    sent = []
    for number, (browser, fields) in enumerate(shown):
        email = f"bench-{uuid.uuid4().hex[:10]}@example.com"
        form = fields | {
            "first_name": "Bench",
            "last_name": f"Patient{number}",
            "email": email,
            "phone": "+447911123456",
            "message": "",
        }
        status, _, body = browser.post("/consultation/", form)
        if status in (302, 303):
            sent.append(email)
        else:  # the form came back: say why, from its error summary
            errors = re.findall(r'<li><a href="#[^"]*">(.*?)</a>', body)
            print(f"  POST {number}: HTTP {status} {errors[:3]}")
    return sent


def main():
    server_a, server_b, redis_url = sys.argv[1:4]
    servers = [server_a, server_b]
    django.setup()
    from django.db.models import Count
    from wagtail.models import Page, Site

    print("Health")
    for base in servers:
        waited = wait_until(lambda base=base: _healthy(base), timeout=60, step=0.25)
        check(f"{base} /healthz", waited is not None, f"up after {waited:.1f}s" if waited is not None else "")
    status, _, body = Browser(server_a).get("/healthz")
    print(f"  {body}")

    print("Serving (60 home-page requests per server)")
    for base in servers:
        p50, p95, errors = latency(base, "/", 60)
        check(f"{base} home page", errors == 0, f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, {errors} errors")

    print("Sessions")
    editor = Browser(server_a)
    check("log in through A", editor.log_in() == 302 and editor.pass_second_factor() == 302)
    status, _, _ = editor.on(server_b).get("/admin/")
    check("the login holds on B", status == 200, f"B answered {status}")
    import redis

    keys = redis.Redis.from_url(redis_url).keys("practice:*")
    check("sessions cached in the shared Redis", len(keys) > 0, f"{len(keys)} keys")
    _, _, html = editor.on(server_b).get("/admin/")
    editor.on(server_b).post("/admin/logout/", {"csrfmiddlewaretoken": editor.csrf_token(html)})
    status, _, _ = editor.on(server_a).get("/admin/")
    check("a logout through B ends the session on A", status == 302, f"A answered {status}")

    print("Publishing")
    editor = Browser(server_a)
    editor.log_in()
    editor.pass_second_factor()
    home_id = Site.objects.get(is_default_site=True).root_page_id
    slug = f"shared-{uuid.uuid4().hex[:6]}"
    add_path = f"/admin/pages/add/practice/standardpage/{home_id}/"
    status, _, _ = editor.post(add_path, page_form(editor, add_path, "Shared page, first title", slug))
    check("publish a page through A", status == 302, f"A answered {status}")
    reader = Browser(server_b)
    seen = wait_until(lambda: "first title" in reader.get(f"/{slug}/")[2])
    check("B serves the new page", seen is not None, f"after {seen:.2f}s" if seen is not None else "never")
    page = Page.objects.filter(slug=slug).first()
    if page:
        edit_path = f"/admin/pages/{page.id}/edit/"
        status, _, _ = editor.post(edit_path, page_form(editor, edit_path, "Shared page, second title", slug))
        seen = wait_until(lambda: "second title" in reader.get(f"/{slug}/")[2])
        check(
            "B serves the edit made through A",
            seen is not None,
            f"after {seen:.2f}s" if seen is not None else "never",
        )

    print("Leads")
    sent = send_leads(servers, 20)
    if sent is None:
        print("  skipped: no consultation form on this branch (GET /consultation/ is not 200);")
        print("  after the merge this step sends 20 leads alternating servers and checks each is stored once")
    else:
        from leads.models import Lead

        check("leads accepted by both servers", len(sent) == 20, f"{len(sent)} of 20")
        rows = Lead.objects.filter(email__in=sent).values("email").annotate(n=Count("id"))
        counts = {row["email"]: row["n"] for row in rows}
        check(
            "every lead stored exactly once",
            all(counts.get(email) == 1 for email in sent),
            f"{len(counts)} stored, {sum(n - 1 for n in counts.values())} duplicates",
        )
        if os.environ.get("MULTI_WORKER"):
            notified = wait_until(
                lambda: Lead.objects.filter(email__in=sent, notification_state="sent").count() == len(sent),
                timeout=60,
            )
            done = Lead.objects.filter(email__in=sent, notification_state="sent").count()
            check("the worker notified each lead", notified is not None, f"{done} of {len(sent)} sent")

    print("Login lockout")
    attacker = Browser(server_a)
    for attempt in range(5):
        attacker.on(servers[attempt % 2]).log_in(password="wrong-guess")  # noqa: S106
    status_a = Browser(server_a).log_in()
    status_b = Browser(server_b).log_in()
    check(
        "5 failures spread over A and B lock the account on both",
        (status_a, status_b) == (429, 429),
        f"A {status_a}, B {status_b}",
    )

    failed = [name for name, ok, _ in RESULTS if not ok]
    print(f"\n{len(RESULTS) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def _healthy(base):
    try:
        status, _, body = Browser(base).get("/healthz")
    except OSError:
        return False
    return status == 200 and json.loads(body)["status"] == "ok"


if __name__ == "__main__":
    sys.exit(main())
