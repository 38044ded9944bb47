"""The attribution cookie's format (leads.landing_cookie): what a landing writes reads back as the
same first touch; cookies of the format before, tampered, expired or signed with a retired key; and
the landing read from the environ as Django reads it. Through the page cache to a lead:
test_arrivals.py."""

import time
from http.cookies import SimpleCookie
from io import BytesIO
from urllib.parse import parse_qsl

import pytest
from django.core import signing
from django.core.handlers.wsgi import get_path_info, get_str_from_wsgi
from django.utils.encoding import escape_uri_path, iri_to_uri

from leads import landing_cookie
from leads.landing import (
    COOKIE_MAX_AGE,
    COOKIE_NAME,
    COOKIE_SALT,
    Attribution,
    cookie_header,
    first_touch,
    read_cookie,
)
from leads.models import Lead
from practice.cache_rules import query_pairs

from .conftest import valid_answers

GOOGLE = "https://www.google.com/"
AD_CLICK = (
    "utm_source=google&utm_medium=cpc&utm_campaign=spring-laser&utm_term=skin+tightening&gclid=Cj0KCQ-abc"
)
# What RFC 6265 allows in a cookie value unquoted.
COOKIE_OCTETS = {
    chr(code)
    for code in (0x21, *range(0x23, 0x2C), *range(0x2D, 0x3B), *range(0x3C, 0x5C), *range(0x5D, 0x7F))
}


def landing_environ(path="/treatments/peels/", query=AD_CLICK, referrer=GOOGLE, **extra):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "localhost",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.input": BytesIO(),
        "wsgi.url_scheme": "http",
        **extra,
    }
    if referrer:
        environ["HTTP_REFERER"] = referrer
    return environ


def cookie_value(header):
    """The value a browser keeps from a Set-Cookie header."""
    return SimpleCookie(header)[COOKIE_NAME].value


def written(attribution):
    return cookie_value(cookie_header(attribution))


def test_a_landing_reads_back_from_its_cookie_as_the_same_first_touch():
    touch = first_touch(landing_environ())

    value = written(touch)

    assert value.startswith("v2.")
    assert read_cookie({COOKIE_NAME: value}) == touch
    assert touch == Attribution(
        landing_page=f"/treatments/peels/?{AD_CLICK}",
        referrer=GOOGLE,
        utm_source="google",
        utm_medium="cpc",
        utm_campaign="spring-laser",
        utm_term="skin tightening",
        click_id_param="gclid",
        click_id="Cj0KCQ-abc",
    )


@pytest.mark.parametrize(
    ("query", "referrer"),
    [
        pytest.param("", "https://www.nhs.uk/conditions/acne/?q=a;b,c", id="referrer-alone"),
        pytest.param("fbclid=IwAR;0,x&gclid=", "", id="separators-in-values"),
        pytest.param("msclkid=%E2%9C%93&utm_source=b%C3%BCcher", "", id="encoded-utf8"),
        pytest.param("gclid=a&gclid=b&utm_source=X&utm_source=Y", GOOGLE, id="repeated-last-wins"),
        pytest.param("utm_campaign=spring\u00e9", "https://exämple.de/seite", id="not-ascii"),
    ],
)
def test_awkward_landings_read_back_as_they_were_written(query, referrer):
    touch = first_touch(landing_environ(query=query, referrer=referrer))

    value = written(touch)

    assert set(value) <= COOKIE_OCTETS
    assert read_cookie({COOKIE_NAME: value}) == touch


def test_a_two_thousand_character_click_id_keeps_the_cookie_under_4_kb():
    touch = first_touch(
        landing_environ(query=f"gclid={'C' * 2000}&utm_source=google", referrer=GOOGLE + "é" * 3000)
    )

    header = cookie_header(touch)

    assert len(header) < 4096
    kept = read_cookie({COOKIE_NAME: cookie_value(header)})
    assert (kept.click_id_param, kept.click_id) == ("gclid", "C" * 255)
    assert len(kept.landing_page) == 1000
    assert kept.referrer.startswith(GOOGLE)


def test_cookies_in_the_format_before_v2_are_still_read():
    first = {"landing_page": "/?gclid=old&utm_campaign=autumn", "utm_campaign": "autumn"}
    first.update(click_id_param="gclid", click_id="old")

    for compress in (False, True):
        value = signing.dumps(first, salt=COOKIE_SALT, compress=compress)
        kept = read_cookie({COOKIE_NAME: value})
        assert (kept.click_id, kept.utm_campaign, kept.landing_page) == (
            "old",
            "autumn",
            first["landing_page"],
        )


def tampered(value):
    version, timestamp, data, signature = value.split(".")
    return {
        "data": f"{version}.{timestamp}.{data[:-4]}QUFB.{signature}",
        "timestamp": f"{version}.{int(timestamp) + 1}.{data}.{signature}",
        "signature": f"{version}.{timestamp}.{data}.{signature[:-3]}AAA",
        "version": f"v3.{timestamp}.{data}.{signature}",
        "truncated": value[: len(value) // 2],
        "no signature": f"{version}.{timestamp}.{data}",
        "extra part": f"{value}.x",
        "oversize": value + "A" * 10_000,
    }


@pytest.mark.parametrize("change", tampered("v2.1.AAAA.BBBB").keys())
def test_a_tampered_cookie_reads_as_nothing(change):
    value = tampered(written(first_touch(landing_environ())))[change]

    assert read_cookie({COOKIE_NAME: value}) == Attribution()


@pytest.mark.parametrize(
    "value",
    [
        "v2.",
        "v2...",
        "v2.x.y.z",
        "v2.1.%%%.====",
        "v2.1.AAAA.é",
        "v2.99999999999999999999.AA.AA",
        "garbage",
        "é:é:é",
    ],
)
def test_garbage_reads_as_nothing_and_never_raises(value):
    assert read_cookie({COOKIE_NAME: value}) == Attribution()


def test_a_cookie_older_than_90_days_reads_as_nothing(monkeypatch):
    touch = first_touch(landing_environ())
    now = time.time()
    monkeypatch.setattr(landing_cookie.time, "time", lambda: now - COOKIE_MAX_AGE - 60)
    expired = written(touch)
    monkeypatch.setattr(landing_cookie.time, "time", lambda: now - COOKIE_MAX_AGE + 60)
    nearly = written(touch)
    monkeypatch.undo()

    assert read_cookie({COOKIE_NAME: expired}) == Attribution()
    assert read_cookie({COOKIE_NAME: nearly}) == touch


def test_a_cookie_signed_before_the_key_was_rotated_reads_while_the_key_is_a_fallback(settings):
    touch = first_touch(landing_environ())
    settings.SECRET_KEY = "the-old-key"
    value = written(touch)

    settings.SECRET_KEY = "the-new-key"
    settings.SECRET_KEY_FALLBACKS = ["the-old-key"]
    assert read_cookie({COOKIE_NAME: value}) == touch
    assert written(touch) != value  # new cookies are signed with the new key

    settings.SECRET_KEY_FALLBACKS = []
    assert read_cookie({COOKIE_NAME: value}) == Attribution()


def test_the_cookies_key_is_its_own():
    """A value signed the way Django signs anything else with SECRET_KEY is no cookie of ours."""
    signed = "v2.1.AAAA"
    forged = f"{signed}.{signing.Signer(salt=COOKIE_SALT).signature(signed)}"

    assert read_cookie({COOKIE_NAME: forged}) == Attribution()


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/treatments/peels/", "gclid=Cj0KCQ-abc_x.y~z"),
        ("/a b/", "utm_source=a b"),
        ("/caf\u00c3\u00a9/", "utm_source=caf\u00c3\u00a9"),  # UTF-8 bytes, as a WSGI server passes them
        ("/100%/", "q=%zz&utm_source=%41"),
        ('/"quoted"/', 'utm_term="x"<y>{z}|^`'),
        ("/semi;colon/", "utm_source=a;b&c=d#e"),
        ("/\u00ff/", "utm_source=\u00ff"),  # not UTF-8: Django re-percent-encodes it
    ],
)
def test_the_landing_is_read_as_django_decodes_and_escapes_it(path, query):
    environ = landing_environ(path=path, query=query)
    django_query = iri_to_uri(get_str_from_wsgi(environ, "QUERY_STRING", ""))

    touch = first_touch(environ)

    assert touch.landing_page == f"{escape_uri_path(get_path_info(environ))}?{django_query}"


@pytest.mark.parametrize(
    "query",
    ["a=1&b=2", "a=1&&b=2&", "a&b=&=c", "a=1=2", "gclid=x&gclid=y", "a=%41+b", "a=b+c", "a=%zz", ""],
)
def test_query_pairs_are_parse_qsls(query):
    assert list(map(tuple, query_pairs(query))) == parse_qsl(query, keep_blank_values=True)


@pytest.mark.django_db
@pytest.mark.usefixtures("practice")
def test_a_lead_sent_with_a_v2_cookie_keeps_every_field_of_the_landing(client, send, settings):
    touch = first_touch(landing_environ())
    client.cookies[COOKIE_NAME] = written(touch)

    send(valid_answers())

    lead = Lead.objects.get()
    assert Attribution(**{name: getattr(lead, name) for name in Attribution._fields}) == touch
    assert (lead.channel, lead.source) == ("paid", "google")
