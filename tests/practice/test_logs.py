"""Logs and error emails help an operator without carrying what a patient typed."""

import json
import logging
import time

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.http import HttpResponseServerError
from django.test import RequestFactory
from django.utils.log import log_response

from practice.access_log import AccessLogApplication, open_access_log
from practice.log import PrivateJsonFormatter
from tests.leads.factories import LeadFactory
from tests.web_server import get, web_server

PATIENT = {
    "first_name": "Philippa",
    "last_name": "Quarrington",
    "email": "philippa.quarrington@mail.example",
    "phone": "+447700900123",
    "message": "I would like to ask about my rosacea",
}


def consultation_post():
    request = RequestFactory().post(
        f"/consultation/?treatment=peels&email={PATIENT['email']}",
        PATIENT,
        REMOTE_ADDR="203.0.113.99",
        HTTP_USER_AGENT="PatientBrowser/1.0",
    )
    request.COOKIES["sessionid"] = "s3ss10n-v4lu3"
    return request


def assert_no_personal_data(text):
    for value in [*PATIENT.values(), "203.0.113.99", "PatientBrowser", "s3ss10n-v4lu3"]:
        assert value not in text


def test_log_lines_are_json_with_only_method_and_path_of_the_request():
    formatter = PrivateJsonFormatter("{asctime}{levelname}{name}{message}", style="{")
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Bad request", (), None)
    record.request = consultation_post()
    record.status_code = 400

    line = json.loads(formatter.format(record))

    assert line["path"] == "/consultation/"
    assert line["method"] == "POST"
    assert line["status_code"] == 400
    assert_no_personal_data(json.dumps(line))


def test_error_email_after_a_crash_names_the_error_but_not_the_patient(settings):
    settings.ADMINS = [("ops@clinic.example", "ops@clinic.example")]
    request = consultation_post()
    try:
        raise RuntimeError("notification template missing")
    except RuntimeError as exc:
        log_response(
            "Internal Server Error: %s",
            request.path,
            response=HttpResponseServerError(),
            request=request,
            exception=exc,
        )

    assert len(mail.outbox) == 1
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert "RuntimeError" in body and "notification template missing" in body
    assert "/consultation/" in body
    assert "first_name" in body  # which fields were sent is useful, their values are not
    assert_no_personal_data(body)


@pytest.mark.django_db
def test_a_database_error_is_logged_and_emailed_by_its_class_not_the_row_it_quotes(settings):
    settings.ADMINS = [("ops@clinic.example", "ops@clinic.example")]
    try:
        with transaction.atomic():  # a NOT NULL column left empty: the database refuses the row
            LeadFactory(**PATIENT, consent_text=None)
    except IntegrityError as exc:
        error = exc
    assert PATIENT["last_name"] in str(error) or connection.vendor == "sqlite"  # PostgreSQL quotes the row

    log_response(
        "Internal Server Error: %s",
        "/consultation/",
        response=HttpResponseServerError(),
        request=consultation_post(),
        exception=error,
    )
    formatter = PrivateJsonFormatter("{asctime}{levelname}{name}{message}", style="{")
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Server error",
        (),
        (type(error), error, error.__traceback__),
    )
    line = formatter.format(record)

    body = mail.outbox[0].subject + mail.outbox[0].body
    assert "IntegrityError" in body and "IntegrityError" in line
    assert_no_personal_data(body)
    assert_no_personal_data(line)


def test_error_email_hides_passwords_in_connection_urls(settings):
    settings.ADMINS = [("ops@clinic.example", "ops@clinic.example")]
    settings.REDIS_URL = "rediss://default:r3d1s-s3cr3t@cache.internal:6380/0"
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://purger:pu4ge-s3cr3t@varnish.internal/",
        }
    }
    try:
        raise ConnectionError(f"Error connecting to {settings.REDIS_URL}")  # as redis-py words it
    except ConnectionError as exc:
        log_response(
            "Internal Server Error: %s",
            "/",
            response=HttpResponseServerError(),
            request=RequestFactory().get("/"),
            exception=exc,
        )

    body = mail.outbox[0].body + "".join(str(content) for content, _ in mail.outbox[0].alternatives)
    assert "r3d1s-s3cr3t" not in body and "pu4ge-s3cr3t" not in body
    assert "rediss://default:********************@cache.internal:6380/0" in body  # still says which server
    assert "varnish.internal" in body


def test_the_access_log_is_one_json_line_per_request_without_personal_data(tmp_path):
    """Through the real web server (practice/server.py, practice/access_log.py)."""
    (tmp_path / "hello.py").write_text(
        "import django\n"
        "django.setup()  # sets logging up as practice/wsgi.py does\n"
        "def app(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
        "    return [b'hello']\n"
    )
    log = tmp_path / "access.log"
    with web_server("hello:app", folder=tmp_path, WEB_ACCESS_LOG=str(log)) as (base, _server):
        log.write_text("")  # from here on, the one request below
        url = f"{base}/treatments/%22laser%22/?email={PATIENT['email']}"
        headers = {"User-Agent": "PatientBrowser/1.0", "Referer": "https://a.example/"}
        assert get(url, headers) == (200, b"hello")

    (line,) = log.read_text().splitlines()
    entry = json.loads(line)
    assert entry["method"] == "GET" and entry["path"] == '/treatments/"laser"/'
    assert entry["status"] == 200 and entry["bytes"] == 5 and entry["duration_ms"] >= 0
    assert entry["logger"] == "practice.access" and entry["time"].startswith(time.strftime("%Y-%m-%d"))
    assert_no_personal_data(line)
    assert "127.0.0.1" not in line and "a.example" not in line


def test_a_request_the_application_fails_is_logged_as_the_500_the_server_sends(tmp_path):
    def crash(environ, start_response):
        raise RuntimeError("template missing")

    log = tmp_path / "access.log"
    application = AccessLogApplication(crash, open_access_log(str(log)))
    environ = RequestFactory().post("/consultation/", PATIENT).environ
    with pytest.raises(RuntimeError):
        application(environ, lambda status, headers, exc_info=None: None)

    entry = json.loads(log.read_text())
    assert (entry["method"], entry["path"], entry["status"], entry["bytes"]) == (
        "POST",
        "/consultation/",
        500,
        0,
    )
