"""Where a visitor first arrived from, captured and kept for the consultation form: first touch.

The landing's parameters and external referrer are read from the first page view that shows an
arrival (the middleware) or that a page reports about itself (the form's hidden fields, the cookie
prompt's script), kept in a signed cookie when the configured mode and the visitor allow it, and
handed to the new lead. What they mean is leads.attribution's rule, run when the lead is saved.
"""

import string
from functools import cache, lru_cache
from types import SimpleNamespace
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import get_path_info, get_str_from_wsgi
from django.core.signals import setting_changed
from django.utils.encoding import escape_uri_path, iri_to_uri

from practice.cache_rules import query_pairs, request_host

from . import landing_cookie
from .attribution import (
    CLICK_ID_LENGTH,
    CLICK_IDS,
    EMAIL_TOOL_PARAMS,
    PARAM_LENGTH,
    URL_LENGTH,
    UTM_PARAMS,
    site_host,
)

COOKIE_NAME = "practice_src"
COOKIE_SALT = "leads.attribution"
COOKIE_MAX_AGE = 90 * 24 * 3600
# The visitor's answer to the cookie prompt ("accepted" or "refused"); readable by the prompt's script.
CHOICE_COOKIE_NAME = "practice_cookie_choice"
CHOICE_COOKIE_MAX_AGE = 180 * 24 * 3600
CHOICES = ("accepted", "refused")
# Where `landing_of` and `first_touch` leave their answers in the environ.
LANDING_ENVIRON_KEY = "leads.landing"
FIRST_TOUCH_ENVIRON_KEY = "leads.first_touch"


class Landing(NamedTuple):
    """A page view's arrival from elsewhere as the cookie keeps it: the landing page (path and
    query) and the external referrer. Attribution.of_landing reads the rest from them."""

    landing_page: str
    referrer: str


class Attribution(NamedTuple):
    """The visitor's first arrival: landing page, external referrer, campaign and click id.

    A named tuple (immutable, as a frozen dataclass would be): every ad click builds one, and a
    frozen dataclass took several times as long to build."""

    landing_page: str = ""
    referrer: str = ""
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    utm_term: str = ""
    utm_content: str = ""
    click_id_param: str = ""
    click_id: str = ""

    @classmethod
    def from_landing(cls, *, path, params, referrer):
        """The attribution of a landing on `path` (with its query) with parameters and a Referer
        from another site; None when there is nothing to record (internal navigation, a bookmark).

        The one reading of a landing: on arrival (`first_touch`), from what a page reports about
        itself (`landing_from_page`) and from the cookie that kept it (`read_cookie`)."""
        present = arrival_params(params)
        if not referrer and not present:
            return None
        click_id_param = next(filter(present.__contains__, CLICK_IDS), "")  # the first, in order
        utm = present.get
        return cls(
            landing_page=path[:URL_LENGTH],
            referrer=referrer[:URL_LENGTH],
            utm_source=utm("utm_source", "")[:PARAM_LENGTH],
            utm_medium=utm("utm_medium", "")[:PARAM_LENGTH],
            utm_campaign=utm("utm_campaign", "")[:PARAM_LENGTH],
            utm_term=utm("utm_term", "")[:PARAM_LENGTH],
            utm_content=utm("utm_content", "")[:PARAM_LENGTH],
            click_id_param=click_id_param,
            click_id=present.get(click_id_param, "")[:CLICK_ID_LENGTH],
        )

    @classmethod
    def of_landing(cls, landing_page, referrer):
        """`from_landing` of a landing page with its query (a Landing's, or a cookie's) and an
        external referrer."""
        params = dict(query_pairs(landing_page.partition("?")[2]))
        return cls.from_landing(path=landing_page, params=params, referrer=referrer)

    @classmethod
    def from_dict(cls, data):
        """The attribution in a cookie of the format before v2 (landing_cookie.read_before_v2)."""
        data = dict(data)
        # Cookies set before click ids were generalised hold gclid/fbclid keys.
        for name in ("gclid", "fbclid"):
            if data.get(name) and not data.get("click_id"):
                data.update(click_id_param=name, click_id=data[name])
        limits = {"landing_page": URL_LENGTH, "referrer": URL_LENGTH, "click_id": CLICK_ID_LENGTH}
        values = {name: str(data.get(name, ""))[: limits.get(name, PARAM_LENGTH)] for name in cls._fields}
        if values["click_id_param"] not in CLICK_IDS:
            values.update(click_id_param="", click_id="")
        return cls(**values)

    def as_dict(self):
        """The fields that hold a value (the lead's fields of the same names)."""
        return {name: value for name, value in self._asdict().items() if value}

    def __bool__(self):
        return any(self)


# The parameters whose value shows an arrival from elsewhere.
ARRIVAL_PARAMS = frozenset([*UTM_PARAMS, *CLICK_IDS, *EMAIL_TOOL_PARAMS])


def arrival_params(params):
    """Those of `params` (name -> value) that show an arrival from elsewhere: campaign, click id,
    email tool, with a value. Every ad click is checked: one set intersection finds the names,
    rather than a lookup per known parameter."""
    return {name: params[name] for name in params.keys() & ARRIVAL_PARAMS if params[name]}


@lru_cache(maxsize=64)  # the site's few allowed hosts (request_host refuses others), on every landing
def host_name(host):
    """A Host header's hostname without port or "www.", for telling our own pages from others'."""
    return host.split(":")[0].lower().removeprefix("www.")


def own_host(request):
    """This site's hostname without "www.", or "" when the Host header is not one we serve."""
    try:
        return host_name(request.get_host())
    except DisallowedHost:  # Django answers such requests with a 400 of its own
        return ""


def external_referrer(referrer, host):
    """`referrer` when it is a well-formed URL of a site other than `host_name`'s, else ""."""
    referrer_host = site_host(referrer)
    return referrer.strip() if referrer_host and referrer_host != host else ""


# A query made only of the characters iri_to_uri leaves as they are is already what Django's
# decoding and quoting would give: an ad click's is, and skipping them was a fifth of the landing's
# cost. As bytes, to be deleted from the query's (bytes.translate): a regular expression matching
# them took twice as long.
PLAIN_QUERY = (string.ascii_letters + string.digits + "_.~/#%[]=:;$&()+,!?*@'-").encode()


@lru_cache(maxsize=256)  # every landing the WSGI layer answers is on a stored page: a few paths
def landing_path(path_info):
    """A PATH_INFO as request.get_full_path() writes it: decoded as Django decodes it, escaped."""
    return escape_uri_path(get_path_info({"PATH_INFO": path_info}))


def landing_query(meta):
    """The QUERY_STRING of `meta` as request.get_full_path() writes it."""
    query = meta.get("QUERY_STRING", "")
    if query.encode("latin-1").translate(None, PLAIN_QUERY):  # characters Django changes are left
        return iri_to_uri(get_str_from_wsgi(meta, "QUERY_STRING", ""))
    return query


def landing_of(meta):
    """The Landing of the page view described by `meta` (request.META, or the WSGI environ of a hit
    the page cache answers before Django), or None when it shows no arrival from elsewhere.

    The host is read as Django reads it (practice.cache_rules.request_host, the page cache's own
    rule), the path and query as request.get_full_path() gives them. A repeated parameter counts
    once (its last value, as request.GET reads it). What the cookie keeps, so an ad click with a
    Referer from another site needs no more: its query is parsed only by `first_touch`, when the
    page view is counted. Worked out once per request and kept in `meta`.
    """
    if LANDING_ENVIRON_KEY not in meta:
        path = landing_path(meta.get("PATH_INFO", "/"))
        query = landing_query(meta)
        referrer = meta.get("HTTP_REFERER", "")
        if not referrer.isascii():  # Django's decoding changes only what is not ASCII
            referrer = get_str_from_wsgi(meta, "HTTP_REFERER", "")
        referrer = referrer and external_referrer(referrer, host_name(request_host(meta) or ""))
        shows_arrival = referrer or arrival_params(dict(query_pairs(query)))  # from_landing's rule
        meta[LANDING_ENVIRON_KEY] = (
            Landing(f"{path}?{query}" if query else path, referrer) if shows_arrival else None
        )
    return meta[LANDING_ENVIRON_KEY]


def first_touch(meta):
    """The attribution of the page view described by `meta` (`landing_of`'s), or None when it shows
    no arrival from elsewhere; worked out once per request and kept in `meta`."""
    if FIRST_TOUCH_ENVIRON_KEY not in meta:
        landing = landing_of(meta)
        meta[FIRST_TOUCH_ENVIRON_KEY] = landing and Attribution.of_landing(*landing)
    return meta[FIRST_TOUCH_ENVIRON_KEY]


def landing_from_page(request, *, landing_url, referrer):
    """The attribution a page reports about its own landing (the prompt's script, the form's hidden
    fields): the URL must be one of ours and the referrer another site's, or they are ignored."""
    try:
        parts = urlsplit(landing_url.strip())
    except ValueError:
        return None
    host = own_host(request)
    if parts.netloc and site_host(landing_url) != host:
        return None
    path = parts.path if parts.path.startswith("/") and not parts.path.startswith("//") else ""
    if not path:
        return None
    full_path = f"{path}?{parts.query}" if parts.query else path
    return Attribution.of_landing(full_path, external_referrer(referrer, host))


@cache
def cookie_settings():
    """The settings the cookie reads, read once: an ad click answered from the page cache pays for
    every read of Django's lazy settings. Read again when a test changes a setting."""
    return SimpleNamespace(
        mode=settings.LEADS_ATTRIBUTION_COOKIE,
        # Signed with the first; SECRET_KEY_FALLBACKS read too, so a rotated key leaves earlier
        # cookies readable.
        macs=tuple(map(landing_cookie.keyed_mac, [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS])),
        # HTTPS-only where the session cookie is.
        attributes=f"; HttpOnly; Max-Age={COOKIE_MAX_AGE}; Path=/; SameSite=Lax"
        + ("; Secure" if settings.SESSION_COOKIE_SECURE else ""),
    )


def forget_cookie_settings(**kwargs):
    cookie_settings.cache_clear()


setting_changed.connect(forget_cookie_settings, dispatch_uid="attribution-cookie-settings")


def read_cookie(cookies):
    """The attribution in the visitor's cookies (a name -> value mapping, e.g. request.COOKIES), or
    an empty one when absent, expired, tampered with or malformed."""
    value = cookies.get(COOKIE_NAME)
    if not value:
        return Attribution()
    try:
        if landing_cookie.is_current(value):
            kept = landing_cookie.unsigned_value(value, cookie_settings().macs, COOKIE_MAX_AGE)
            return (kept and Attribution.of_landing(*kept)) or Attribution()
        return Attribution.from_dict(
            landing_cookie.read_before_v2(value, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE)
        )
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return Attribution()


def cookie_header(landing):
    """The Set-Cookie value keeping `landing` (a Landing, or an Attribution): signed, HttpOnly,
    first-party, COOKIE_MAX_AGE.

    Written as text rather than through a Morsel: ad clicks answered from the page cache pay for
    it on every landing. The value is base64 and "." only, so nothing needs quoting. It keeps the
    landing and the referrer; `read_cookie` reads the rest back from the landing's query.
    """
    cookie = cookie_settings()
    value = landing_cookie.signed_value(
        landing.landing_page[:URL_LENGTH], landing.referrer[:URL_LENGTH], cookie.macs[0]
    )
    return f"{COOKIE_NAME}={value}{cookie.attributes}"


def write_cookie(response, landing):
    response.cookies.load(cookie_header(landing))


def cookie_mode():
    """`always`, `consent` or `never` (settings.LEADS_ATTRIBUTION_COOKIE)."""
    return cookie_settings().mode


def may_set_cookie(cookies):
    """Whether the visitor with these cookies may have their attribution kept in one, under the
    configured mode."""
    mode = cookie_settings().mode  # as cookie_mode(), one call less on every ad click
    return mode == "always" or (mode == "consent" and cookies.get(CHOICE_COOKIE_NAME) == "accepted")


def for_lead(request, *, landing_url, referrer):
    """The attribution a new lead gets: the cookie's first touch when there is a valid one, else
    what the form's page reported about its own landing, else nothing."""
    return (
        read_cookie(request.COOKIES)
        or landing_from_page(request, landing_url=landing_url, referrer=referrer)
        or Attribution()
    )


def record_choice(request, response, *, choice, landing_url, referrer):
    """Remember the visitor's answer to the prompt; on "accepted", keep the landing the page
    reports (unless a valid cookie already holds the first touch); on "refused", drop any cookie."""
    secure = request.is_secure()
    # Readable by the prompt's script (not HttpOnly): it decides whether to show the prompt.
    response.set_cookie(
        CHOICE_COOKIE_NAME, choice, max_age=CHOICE_COOKIE_MAX_AGE, secure=secure, samesite="Lax"
    )
    if choice == "refused":
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return
    if not read_cookie(request.COOKIES):
        attribution = landing_from_page(request, landing_url=landing_url, referrer=referrer)
        if attribution is not None:
            write_cookie(response, attribution)
