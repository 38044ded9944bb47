"""Brute force against the admin login is locked out; the lockout cannot lock out the front desk."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from practice.http import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        username="editor", email="editor@clinic.example", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, password, address="203.0.113.7"):
    return client.post("/admin/login/", {"username": "editor", "password": password}, REMOTE_ADDR=address)


def test_correct_password_logs_in_and_asks_for_the_second_factor(client, editor):
    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    # A superuser without an authenticator app is asked to set one up first (tests/staff).
    assert client.get("/admin/").url.startswith("/admin/two-factor/enrol/")


def test_five_wrong_passwords_lock_out_even_the_right_one(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "guess").status_code == 200  # the form again, with an error

    assert log_in(client, "guess").status_code == 429
    assert log_in(client, PASSWORD).status_code == 429
    assert client.get("/admin/").status_code == 302  # still logged out


def test_lockout_of_one_address_leaves_the_account_usable_from_another(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "guess", address="203.0.113.7")

    assert log_in(client, PASSWORD, address="198.51.100.20").status_code == 302


def test_client_ip_is_the_socket_address_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_ip(request) == "10.0.0.5"


def test_client_ip_ignores_addresses_forged_left_of_the_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")

    assert client_ip(request) == "203.0.113.7"


def test_lockout_behind_a_listed_proxy_is_per_visitor(client, editor, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "guess"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    # The attacker is locked out; the front desk behind the same proxy is not.
    locked = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert locked.status_code == 429
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302
