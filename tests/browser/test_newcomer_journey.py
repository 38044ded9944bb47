"""A newcomer's first hour: `make run` on a fresh SQLite file, a patient asks for a consultation,
the front desk works the lead, and the practice is emailed exactly once.

The site is started by scripts/run.sh itself, as `make run` does, so this proves the default
install rather than the test settings: SQLite, the worker and the sweeper beside runserver. Its
database starts as a copy of the run's migrated template (tests/database_template.py, itself
migrated from nothing on SQLite by `manage.py migrate`), so run.sh's migrate finds nothing to do
and its ~30 s of CPU are not spent twice.
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from faker import Faker

from tests.browser.conftest import THANK_YOU_AT_A_CLINIC, pass_second_factor
from tests.browser.forms import send_consultation_request
from tests.database_template import migrated_sqlite_copy
from tests.leads.test_mail_server_down import Sink, free_port

ROOT = settings.BASE_DIR
# The sweeper would resend within seconds if the lead's state were wrong.
RETRY_UNIT_SECONDS = 1
FORM_MIN_SECONDS = 1

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
    reason="starts its own SQLite site whatever the test database: run once, in the SQLite run",
)


@pytest.fixture
def smtp_sink():
    sink, port = Sink(), free_port()
    server = Controller(sink, hostname="127.0.0.1", port=port)
    server.start()
    sink.port = port
    yield sink
    server.stop()


@pytest.fixture
def newcomer_site(tmp_path, smtp_sink, django_db_setup):
    """scripts/run.sh serving a new, migrated SQLite database, its mail going to the sink; stopped after."""
    port = free_port()
    migrated_sqlite_copy(tmp_path / "db.sqlite3")
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL") and not key.startswith("PYTEST")
    }
    environment.update(
        PORT=str(port),
        # A newcomer's runserver watches the code; nothing changes it during the test.
        AUTORELOAD="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PAGE_CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_sink.port),
        LEADS_PRACTICE_INBOX="frontdesk@practice.example",
        LEADS_RETRY_UNIT_SECONDS=str(RETRY_UNIT_SECONDS),
        LEADS_FORM_MIN_SECONDS=str(FORM_MIN_SECONDS),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
    )
    log = tmp_path / "run.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            [str(ROOT / "scripts" / "run.sh")],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process, log)
        yield {"url": url, "log": log, "env": environment, "db": tmp_path / "db.sqlite3"}
    finally:
        # run.sh's trap stops the worker, the sweeper and runserver (and its child) on TERM.
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_serving(url, process, log, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"scripts/run.sh stopped ({process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:  # noqa: S310 - our own server
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"scripts/run.sh did not serve {url} within {timeout} s:\n{log.read_text()}")


# The sweeper and a worker run twice more, retry units apart: in one interpreter, as cron would run
# the two commands, so Django starts once rather than four times.
SWEEP_AND_WORK_TWICE = f"""
import time, django
django.setup()
from django.core.management import call_command
for _ in range(2):
    time.sleep(3 * {RETRY_UNIT_SECONDS})
    call_command("sweep_lead_notifications")
    call_command("db_worker", "--backend", "leads", "--queue-name", "leads", "--batch")
"""


def sweep_and_work_twice(site):
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", SWEEP_AND_WORK_TWICE],
        cwd=ROOT,
        env={**site["env"], "DJANGO_SETTINGS_MODULE": "practice.settings.dev"},
        check=True,
        capture_output=True,
    )


def practice_emails(sink, lead_id):
    return [
        message
        for message in sink.messages
        if re.search(rf"^Message-ID: <lead-{lead_id}-\d+-practice@", message, re.MULTILINE)
    ]


def test_a_newcomer_runs_the_site_a_patient_asks_the_front_desk_works_it_and_the_practice_hears_once(
    browser, newcomer_site, smtp_sink
):
    # The home page was served once while waiting for the site: the page cache answers the second.
    with urllib.request.urlopen(newcomer_site["url"] + "/") as response:  # noqa: S310 - our own server
        assert response.headers["X-Cache"] == "hit"
    fake = Faker("en_GB")
    first_name, last_name = fake.first_name(), f"{fake.last_name()}-{fake.hexify('^^^^')}"
    context = browser.new_context(base_url=newcomer_site["url"])
    page = context.new_page()

    page.goto("/consultation/")
    time.sleep(FORM_MIN_SECONDS + 0.5)  # a person takes longer than the anti-bot minimum
    # Marylebone: the demo practice has two clinics.
    send_consultation_request(page, first_name, last_name, phone="020 7946 0555", clinic="Marylebone")
    page.wait_for_url(THANK_YOU_AT_A_CLINIC)

    username, password = re.search(r"login (\S+) / (\S+),", newcomer_site["log"].read_text()).groups()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page)  # the demo admin is a superuser: enrols an authenticator app first
    page.goto("/admin/leads/")
    page.get_by_role("link", name=f"{first_name} {last_name}").click()
    page.wait_for_url(re.compile(r".*/admin/leads/\d+/$"))
    lead_id = int(re.search(r"/admin/leads/(\d+)/$", page.url).group(1))
    page.locator('[data-lead-action="status"] select').select_option(label="Contacted")
    page.locator('[data-lead-action="status"]').get_by_role("button", name="Change status").click()
    page.locator("[data-lead-status]", has_text="Contacted").wait_for()
    context.close()

    # run.sh's worker sends the email; then the worker and sweeper run twice more.
    deadline = time.monotonic() + 60
    while not practice_emails(smtp_sink, lead_id) and time.monotonic() < deadline:
        time.sleep(0.5)
    sweep_and_work_twice(newcomer_site)

    assert len(practice_emails(smtp_sink, lead_id)) == 1
    with sqlite3.connect(newcomer_site["db"]) as database:
        [(state, status)] = database.execute(
            "SELECT notification_state, status FROM leads_lead WHERE id = ?", [lead_id]
        ).fetchall()
    assert (state, status) == ("sent", "contacted")
