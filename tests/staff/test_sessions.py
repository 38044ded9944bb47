"""Signed-in sessions end after a working day, and after an idle hour."""

import time

import pytest

from staff.sessions import LAST_SEEN_AT, SIGNED_IN_AT

pytestmark = pytest.mark.django_db


def age_session(client, *, signed_in_ago, last_seen_ago):
    session = client.session
    now = int(time.time())
    session[SIGNED_IN_AT] = now - signed_in_ago
    session[LAST_SEEN_AT] = now - last_seen_ago
    session.save()


def test_limits_are_a_working_day_and_an_idle_hour(settings):
    assert settings.STAFF_SESSION_MAX_SECONDS == 10 * 3600
    assert settings.STAFF_SESSION_IDLE_SECONDS == 3600
    assert settings.SESSION_COOKIE_AGE == settings.STAFF_SESSION_MAX_SECONDS


def test_a_busy_session_lasts_the_working_day(client, front_desk, settings):
    client.force_login(front_desk)
    age_session(client, signed_in_ago=settings.STAFF_SESSION_MAX_SECONDS - 60, last_seen_ago=120)

    assert client.get("/admin/").status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN_AT] < 5  # the request counted as activity


def test_a_session_ends_after_an_idle_hour(client, front_desk, settings):
    client.force_login(front_desk)
    age_session(client, signed_in_ago=2 * 3600, last_seen_ago=settings.STAFF_SESSION_IDLE_SECONDS + 1)

    response = client.get("/admin/leads/")

    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_the_working_day_however_busy(client, front_desk, settings):
    client.force_login(front_desk)
    age_session(client, signed_in_ago=settings.STAFF_SESSION_MAX_SECONDS + 1, last_seen_ago=10)

    assert client.get("/admin/").url.startswith("/admin/login/")
