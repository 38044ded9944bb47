"""Every error page a patient can meet says how to reach the practice, without reading the database."""

import datetime
import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape

from practice import contact
from practice.views import server_error
from tests.leads.conftest import valid_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]

PHONE = "020 7946 0321"  # PracticeSettingsFactory's
HOURS = ("Monday, Tuesday", "09:00 to 19:00")


@pytest.fixture
def open_practice(practice, settings, tmp_path, django_capture_on_commit_callbacks):
    """The practice with opening hours, saved the way the admin saves it."""
    settings.PRACTICE_CONTACT_SNAPSHOT = tmp_path / "var" / "practice-contact.json"
    practice.opening_hours = [
        ("hours", {"days": ["Monday", "Tuesday"], "opens": datetime.time(9), "closes": datetime.time(19)})
    ]
    with django_capture_on_commit_callbacks(execute=True):
        practice.save()
    return practice


@pytest.fixture
def database_down(client, monkeypatch):
    """After this process has served a page, every new query fails as while PostgreSQL restarts."""

    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    def go_down():
        assert client.get(reverse("leads:consultation")).status_code == 200
        monkeypatch.setattr(connection, "create_cursor", refuse)
        client.raise_request_exception = False

    go_down.come_back = lambda: monkeypatch.undo()
    return go_down


def assert_shows_contact(response):
    html = response.content.decode()
    assert PHONE in html and 'href="tel:02079460321"' in html
    assert f"<dt>{HOURS[0]}</dt><dd>{HOURS[1]}</dd>" in html


def test_the_500_page_shows_phone_and_hours_from_the_last_good_read_while_the_database_is_down(
    client, open_practice, database_down, monkeypatch
):
    monkeypatch.setattr(contact, "_last_read", None)  # only the page served below reads the details
    database_down()

    response = client.get("/no-such-page/")

    assert response.status_code == 500
    assert "something went wrong on our side" in response.content.decode()
    assert_shows_contact(response)


def test_saving_the_practice_details_writes_the_snapshot_error_pages_read_with_no_query(
    open_practice, settings, monkeypatch, django_assert_num_queries
):
    snapshot = json.loads(settings.PRACTICE_CONTACT_SNAPSHOT.read_text())
    assert snapshot["phone"] == PHONE and snapshot["opening_hours"] == [list(HOURS)]
    monkeypatch.setattr(contact, "_last_read", None)  # a process that has read nothing yet

    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert_shows_contact(response)


def test_the_deploy_command_writes_the_snapshot(open_practice, settings, monkeypatch, capsys):
    settings.PRACTICE_CONTACT_SNAPSHOT.unlink()
    monkeypatch.setattr(contact, "_last_read", None)

    call_command("write_contact_snapshot")

    assert PHONE in capsys.readouterr().out
    assert contact.read_snapshot().opening_hours == (HOURS,)


def test_without_any_snapshot_the_500_page_still_says_to_telephone(settings, tmp_path, monkeypatch):
    settings.PRACTICE_CONTACT_SNAPSHOT = tmp_path / "missing.json"
    monkeypatch.setattr(contact, "_last_read", None)

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Please telephone the practice." in response.content.decode()


@pytest.mark.parametrize(
    ("status", "body", "headers"),
    [
        pytest.param(403, "x", {"HTTP_ORIGIN": "https://evil.example"}, id="cross-site-403"),
        pytest.param(415, "{}", {"content_type": "application/json"}, id="json-415"),
        pytest.param(413, "x", {"CONTENT_LENGTH": "99999999"}, id="too-large-413"),
    ],
)
def test_refused_consultation_requests_show_phone_and_hours_with_the_database_down(
    client, open_practice, database_down, status, body, headers
):
    database_down()
    headers.setdefault("HTTP_ORIGIN", "http://testserver")
    headers.setdefault("content_type", "application/x-www-form-urlencoded")

    response = client.post(reverse("leads:consultation"), body, **headers)

    assert response.status_code == status
    assert "Your request was not sent" in response.content.decode()
    assert_shows_contact(response)


def test_a_request_sent_while_the_database_is_down_keeps_every_answer_for_one_press_resend(
    client, open_practice, database_down
):
    from leads.models import Lead

    answers = valid_answers(treatment="", message="Line one\nLine <two>")
    database_down()

    response = client.post(reverse("leads:consultation"), answers, HTTP_ORIGIN="http://testserver")

    assert response.status_code == 503
    html = response.content.decode()
    assert "We could not save your request" in html
    assert_shows_contact(response)
    assert "Line one<br>Line &lt;two&gt;" in html  # what they typed, escaped, for a phone call
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
    assert hidden == {name: escape(value) for name, value in answers.items()}
    resend = {name: unescape(value) for name, value in hidden.items()}  # as a browser sends them

    database_down.come_back()
    for _ in range(2):  # pressed twice, or once after a save that did happen: one lead
        again = client.post(reverse("leads:consultation"), resend, HTTP_ORIGIN="http://testserver")
        assert again.status_code == 302
    lead = Lead.objects.get()
    assert (lead.first_name, lead.message) == (answers["first_name"], answers["message"])


def test_a_rate_limited_request_shows_phone_and_hours(client, open_practice, settings):
    settings.LEADS_RATE_LIMIT = "0/m"

    response = client.post(reverse("leads:consultation"), valid_answers(), HTTP_ORIGIN="http://testserver")

    assert response.status_code == 429
    assert_shows_contact(response)


def test_a_bad_request_shows_phone_and_hours_with_the_database_down(client, open_practice, database_down):
    database_down()

    response = client.get("/", HTTP_HOST="not-our-site.example")

    assert response.status_code == 400
    assert_shows_contact(response)


def test_a_csrf_failure_shows_phone_and_hours_with_the_database_down(open_practice, database_down):
    database_down()
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/admin/login/", {"username": "someone", "password": "secret"})

    assert response.status_code == 403
    assert_shows_contact(response)
