"""Whose address a request comes from, and over which scheme: X-Forwarded-For and X-Forwarded-Proto
are believed only from a listed proxy."""

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory

from practice.checks import check_trusted_proxies
from practice.http import TrustedSchemeApplication, address_text, client_ip, client_network, parse_address


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]


def test_forwarded_for_from_an_unlisted_address_is_ignored(behind_nginx):
    # A client talking to the app directly cannot pick the address it is counted under.
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_without_listed_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("127.0.0.1", "198.51.100.1")) == "127.0.0.1"


def test_the_address_our_proxy_saw_is_the_client(behind_nginx):
    assert client_ip(request_from("127.0.0.1", "198.51.100.1")) == "198.51.100.1"


def test_entries_a_client_forged_left_of_its_own_address_are_ignored(behind_nginx):
    assert client_ip(request_from("127.0.0.1", "10.0.0.1, 6.6.6.6, 198.51.100.1")) == "198.51.100.1"


def test_a_chain_of_listed_proxies_is_walked_from_the_right(behind_nginx):
    # Load balancer 10.0.0.7 in front of nginx on 127.0.0.1, both ours.
    assert client_ip(request_from("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.7")) == "198.51.100.1"


@pytest.mark.parametrize("garbage", ["unknown", "198.51.100.1:443", "", "<script>"])
def test_a_malformed_entry_stops_the_walk_at_the_last_proxy(behind_nginx, garbage):
    assert client_ip(request_from("127.0.0.1", f"6.6.6.6, {garbage}, 10.0.0.7")) == "10.0.0.7"


def test_proxies_listed_by_ipv6_network(settings):
    settings.TRUSTED_PROXIES = ["fd00::/8"]
    assert client_ip(request_from("fd00::1", "2001:db8::5")) == "2001:db8::5"


def test_an_ipv4_client_on_an_ipv6_socket_is_the_ipv4_address(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("::ffff:198.51.100.1")) == "198.51.100.1"


def test_ipv6_visitors_are_counted_per_64_and_ipv4_per_address(settings):
    settings.TRUSTED_PROXIES = []
    assert client_network(request_from("2001:db8:1:2::5")) == client_network(
        request_from("2001:db8:1:2:ffff::9")
    )
    assert client_network(request_from("2001:db8:1:2::5")) == "2001:db8:1:2::/64"
    assert client_network(request_from("2001:db8:1:3::5")) != client_network(request_from("2001:db8:1:2::5"))
    assert client_network(request_from("198.51.100.1")) == "198.51.100.1"


def test_deploy_check_warns_when_a_proxy_is_in_front_but_none_is_listed(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = []
    assert [warning.id for warning in check_trusted_proxies(None)] == ["practice.W002"]


def test_deploy_check_names_an_entry_that_is_not_an_address(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["127.0.0.1", "nginx.internal", "10.0.0.0/33"]
    warnings = check_trusted_proxies(None)
    assert [warning.id for warning in warnings] == ["practice.W001", "practice.W001"]
    assert "'nginx.internal'" in warnings[0].msg
    assert "'10.0.0.0/33'" in warnings[1].msg


def test_deploy_check_is_quiet_when_the_proxy_is_listed(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert check_trusted_proxies(None) == []


def test_the_check_runs_with_check_deploy_only(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = []
    call_command("check", tags=["security"])  # not a deploy run: silent
    with pytest.raises(SystemCheckError, match="practice.W002"):
        call_command("check", "--deploy", "--fail-level", "WARNING", tags=["security"])


def secure_as_django_sees_it(remote, forwarded_proto):
    """Whether Django takes a request from `remote` saying X-Forwarded-Proto: `forwarded_proto`
    for HTTPS, behind the WSGI layer practice/wsgi.py puts in front of it."""
    seen = []

    def django(environ, start_response):
        seen.append(WSGIRequest(environ).is_secure())
        return []

    environ = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_PROTO=forwarded_proto).environ
    TrustedSchemeApplication(django)(environ, lambda status, headers: None)
    return seen[0]


@pytest.fixture
def behind_nginx_with_tls(behind_nginx, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_our_proxy_says_which_scheme_the_visitor_used(behind_nginx_with_tls):
    assert secure_as_django_sees_it("127.0.0.1", "https")
    assert not secure_as_django_sees_it("10.1.2.3", "http")


def test_a_client_reaching_the_app_directly_cannot_claim_https(behind_nginx_with_tls):
    # Django alone would believe it and skip the redirect to HTTPS.
    assert not secure_as_django_sees_it("203.0.113.9", "https")


def test_no_proxy_is_believed_when_none_is_listed(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = []
    assert not secure_as_django_sees_it("127.0.0.1", "https")


@pytest.mark.parametrize(
    "value",
    [
        "198.51.100.1",
        " 198.51.100.1 ",
        "010.1.1.1",
        "1.2.3",
        "255.255.255.255",
        "2001:DB8::5",
        "::ffff:198.51.100.1",
        "unknown",
        "",
    ],
)
def test_the_text_of_an_address_is_the_one_ipaddress_writes(value):
    # Page counting reads IPv4 addresses without ipaddress objects: the same text, or None alike.
    address = parse_address(value)
    assert address_text(value) == (None if address is None else str(address))


def test_ipv4_and_ipv6_proxies_are_believed_by_their_text(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "2001:db8::1", "10.0.0.0/8"]
    assert client_ip(request_from("127.0.0.1", "198.51.100.1")) == "198.51.100.1"
    assert client_ip(request_from("2001:DB8:0::1", "198.51.100.1")) == "198.51.100.1"
    assert client_ip(request_from("::ffff:10.1.2.3", "198.51.100.1")) == "198.51.100.1"
    assert client_ip(request_from("127.0.0.2", "198.51.100.1")) == "127.0.0.2"
