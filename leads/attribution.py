"""First-touch attribution: where a visitor first arrived from, and the one rule that names it.

`classify` is the only place that decides a lead's channel (paid, organic, social...) and source
(google, facebook, a website's host...). Leads store its answer when they are created, so reports,
filters and exports read stored values; the migration that added those fields ran it too.
"""

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from http.cookies import Morsel
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import get_path_info, get_str_from_wsgi
from django.db import models
from django.utils.encoding import escape_uri_path, iri_to_uri

COOKIE_NAME = "practice_src"
COOKIE_SALT = "leads.attribution"
COOKIE_MAX_AGE = 90 * 24 * 3600
# The visitor's answer to the cookie prompt ("accepted" or "refused"); readable by the prompt's script.
CHOICE_COOKIE_NAME = "practice_cookie_choice"
CHOICE_COOKIE_MAX_AGE = 180 * 24 * 3600
CHOICES = ("accepted", "refused")

UTM_PARAMS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
# Ad platforms' click ids, in the order one is picked when several arrive, and the platform each names.
CLICK_IDS = {
    "gclid": "google",
    "gbraid": "google",
    "wbraid": "google",
    "fbclid": "facebook",
    "msclkid": "bing",
    "ttclid": "tiktok",
    "li_fat_id": "linkedin",
}
# Parameters email tools add to every link in a mailing.
EMAIL_TOOL_PARAMS = {"mc_cid": "mailchimp", "mc_eid": "mailchimp", "_hsenc": "hubspot", "_hsmi": "hubspot"}

# Values are cut to the lead's field lengths; the URLs shorter still, so the cookie stays well
# under the 4 KB browsers accept.
URL_LENGTH = 1000
PARAM_LENGTH = 200
CLICK_ID_LENGTH = 255
SOURCE_LENGTH = 100
COMPRESS_OVER = 1000  # characters of values

# Hostnames as DNS allows them; anything else in a Referer is not trusted as a site.
HOSTNAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}\.)*[a-z0-9-]{1,63}")


class Channel(models.TextChoices):
    """How a visitor arrived, in the groups marketing reports use."""

    PAID = "paid", "Paid ads"
    ORGANIC = "organic", "Search engine"
    SOCIAL = "social", "Social network"
    EMAIL = "email", "Email"
    REFERRAL = "referral", "Another website"
    CAMPAIGN = "campaign", "Other campaign"
    DIRECT = "direct", "Direct"


@dataclass(frozen=True)
class Arrival:
    """A channel and the source within it, e.g. (paid, google) or (referral, nhs.uk)."""

    channel: str
    source: str


DIRECT = Arrival(Channel.DIRECT, "direct")

# Brands matched on their own label followed only by a public suffix (google.co.uk, yandex.ru),
# never as part of another name (evil-google.com) or under another site (google.evil.com).
SEARCH_BRANDS = {"google": "google", "bing": "bing", "yahoo": "yahoo", "yandex": "yandex", "baidu": "baidu"}
SOCIAL_BRANDS = {"facebook": "facebook", "instagram": "instagram", "pinterest": "pinterest"}
# Sites matched as the domain itself or any subdomain of it.
SEARCH_DOMAINS = {
    "duckduckgo.com": "duckduckgo",
    "ecosia.org": "ecosia",
    "qwant.com": "qwant",
    "startpage.com": "startpage",
    "search.brave.com": "brave",
    "ask.com": "ask",
    "naver.com": "naver",
    "seznam.cz": "seznam",
    "kagi.com": "kagi",
}
SOCIAL_DOMAINS = {
    "fb.com": "facebook",
    "fb.me": "facebook",
    "t.co": "x",
    "x.com": "x",
    "twitter.com": "x",
    "linkedin.com": "linkedin",
    "lnkd.in": "linkedin",
    "pin.it": "pinterest",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "reddit.com": "reddit",
    "threads.net": "threads",
    "threads.com": "threads",
    "bsky.app": "bluesky",
    "mastodon.social": "mastodon",
    "snapchat.com": "snapchat",
    "whatsapp.com": "whatsapp",
}
# Second-level labels of country suffixes (co.uk, com.au): a brand before them is still the brand.
SUFFIX_LABELS = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"}
TOP_LEVEL = {"com", "org", "net"}


def _brand(host, brands):
    labels = host.split(".")
    for index, label in enumerate(labels):
        suffix = labels[index + 1 :]
        if label in brands and is_public_suffix(suffix):
            return brands[label]
    return None


def is_public_suffix(labels):
    """A top-level domain (com, uk) or a country's second level (co.uk, com.au): enough for brands."""
    if len(labels) == 1:
        return len(labels[0]) == 2 or labels[0] in TOP_LEVEL
    return len(labels) == 2 and labels[0] in SUFFIX_LABELS and len(labels[1]) == 2


def _domain(host, domains):
    labels = host.split(".")
    for index in range(len(labels) - 1):
        name = ".".join(labels[index:])
        if name in domains:
            return domains[name]
    return None


def site_host(url):
    """The lowercase hostname of an http(s) URL without a leading "www.", or "" when malformed."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not HOSTNAME.fullmatch(host):
        return ""
    return host.removeprefix("www.")


def referrer_arrival(referrer):
    """What a Referer alone says: a search engine, a social network, another site, or nothing."""
    host = site_host(referrer)
    if not host:
        return DIRECT
    if engine := _brand(host, SEARCH_BRANDS) or _domain(host, SEARCH_DOMAINS):
        return Arrival(Channel.ORGANIC, engine)
    if network := _brand(host, SOCIAL_BRANDS) or _domain(host, SOCIAL_DOMAINS):
        return Arrival(Channel.SOCIAL, network)
    return Arrival(Channel.REFERRAL, host[:SOURCE_LENGTH])


def medium_channel(medium):
    """The channel a utm_medium names; media nobody agreed on count as "campaign"."""
    medium = medium.strip().lower()
    if medium in ("cpc", "ppc", "cpm", "cpv", "display") or medium.startswith("paid"):
        return Channel.PAID
    if medium in ("email", "e-mail", "newsletter"):
        return Channel.EMAIL
    if medium in ("social", "social-network", "social-media", "sm"):
        return Channel.SOCIAL
    if medium == "organic":
        return Channel.ORGANIC
    if medium == "referral":
        return Channel.REFERRAL
    return Channel.CAMPAIGN


def classify(params, referrer):
    """The arrival that landing parameters and an external Referer show: the one attribution rule.

    UTM parameters win (utm_source names the source, utm_medium the channel); then an ad click id
    (paid, the platform as source); then an email tool's parameters; then the referrer alone.
    `params` maps parameter names to single values; `referrer` must already be another site's.
    """
    without_utm = _untagged(params, referrer)
    source = params.get("utm_source", "").strip().lower()
    medium = params.get("utm_medium", "").strip()
    if not source and not medium:
        return without_utm
    if medium:
        channel = medium_channel(medium)
    else:
        # A source with no medium: what the click id or referrer says, else a campaign of some kind.
        channel = without_utm.channel if without_utm != DIRECT else Channel.CAMPAIGN
    return Arrival(channel, (source or without_utm.source)[:SOURCE_LENGTH])


def _untagged(params, referrer):
    for name, platform in CLICK_IDS.items():
        if params.get(name):
            return Arrival(Channel.PAID, platform)
    for name, tool in EMAIL_TOOL_PARAMS.items():
        if params.get(name):
            return Arrival(Channel.EMAIL, tool)
    return referrer_arrival(referrer)


def lead_arrival(*, landing_page, referrer, utm_source, utm_medium, click_id_param, click_id):
    """`classify` for what a lead stores: its landing page's parameters and its campaign fields."""
    query = urlsplit(landing_page).query if "?" in landing_page else ""
    params = dict(parse_qsl(query))
    params.update(utm_source=utm_source, utm_medium=utm_medium)
    if click_id_param in CLICK_IDS:
        params[click_id_param] = click_id
    return classify(params, referrer)


@dataclass(frozen=True)
class Attribution:
    """The visitor's first arrival: landing page, external referrer, campaign and click id."""

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
        from another site; None when there is nothing to record (internal navigation, a bookmark)."""
        values = {name: params.get(name, "")[:PARAM_LENGTH] for name in UTM_PARAMS}
        click_id_param = next((name for name in CLICK_IDS if params.get(name)), "")
        has_email_tool = any(params.get(name) for name in EMAIL_TOOL_PARAMS)
        if not referrer and not click_id_param and not has_email_tool and not any(values.values()):
            return None
        return cls(
            landing_page=path[:URL_LENGTH],
            referrer=referrer[:URL_LENGTH],
            click_id_param=click_id_param,
            click_id=params.get(click_id_param, "")[:CLICK_ID_LENGTH] if click_id_param else "",
            **values,
        )

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        # Cookies set before click ids were generalised hold gclid/fbclid keys.
        for name in ("gclid", "fbclid"):
            if data.get(name) and not data.get("click_id"):
                data.update(click_id_param=name, click_id=data[name])
        limits = {"landing_page": URL_LENGTH, "referrer": URL_LENGTH, "click_id": CLICK_ID_LENGTH}
        values = {
            field.name: str(data.get(field.name, ""))[: limits.get(field.name, PARAM_LENGTH)]
            for field in fields(cls)
        }
        if values["click_id_param"] not in CLICK_IDS:
            values.update(click_id_param="", click_id="")
        return cls(**values)

    def as_dict(self):
        """The fields that hold a value (`from_dict` reads a missing one as "")."""
        return {name: value for name in ATTRIBUTION_FIELDS if (value := getattr(self, name))}

    def __bool__(self):
        return any(getattr(self, name) for name in ATTRIBUTION_FIELDS)


ATTRIBUTION_FIELDS = tuple(field.name for field in fields(Attribution))


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


def first_touch(meta):
    """The attribution of the page view described by `meta` (request.META, or the WSGI environ of a
    hit the page cache answers before Django), or None when it shows no arrival from elsewhere.

    Its Host header was validated against ALLOWED_HOSTS on either path. A repeated parameter counts
    once (its last value, as request.GET reads it).
    """
    host = host_name(meta.get("HTTP_HOST") or meta.get("SERVER_NAME", ""))
    query = iri_to_uri(get_str_from_wsgi(meta, "QUERY_STRING", ""))
    path = escape_uri_path(get_path_info(meta))
    return Attribution.from_landing(
        path=f"{path}?{query}" if query else path,
        params=dict(parse_qsl(query, keep_blank_values=True)),
        referrer=external_referrer(get_str_from_wsgi(meta, "HTTP_REFERER", ""), host),
    )


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
    params = dict(parse_qsl(parts.query))
    full_path = f"{path}?{parts.query}" if parts.query else path
    return Attribution.from_landing(path=full_path, params=params, referrer=external_referrer(referrer, host))


@lru_cache(maxsize=4)
def _signer(secret, fallbacks):
    # One per SECRET_KEY (and its fallbacks), not one per cookie: an ad click answered from the
    # page cache signs a cookie on every request.
    return signing.TimestampSigner(key=secret, fallback_keys=fallbacks, salt=COOKIE_SALT)


def signer():
    """signing.dumps/loads' signer for this cookie, SECRET_KEY_FALLBACKS included."""
    return _signer(settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))


def read_cookie(cookies):
    """The attribution in the visitor's cookies (a name -> value mapping, e.g. request.COOKIES), or
    an empty one when absent or tampered with."""
    value = cookies.get(COOKIE_NAME)
    if not value:
        return Attribution()
    try:
        return Attribution.from_dict(signer().unsign_object(value, max_age=COOKIE_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return Attribution()


def cookie(attribution):
    """The signed, HttpOnly, first-party cookie keeping `attribution` for COOKIE_MAX_AGE."""
    values = attribution.as_dict()
    # zlib costs more than the signature on a usual landing; only long URLs need it to keep the
    # cookie under the 4 KB browsers accept.
    value = signer().sign_object(values, compress=sum(map(len, values.values())) > COMPRESS_OVER)
    morsel = Morsel()
    morsel.set(COOKIE_NAME, value, value)  # base64 and ":" only: nothing to quote
    morsel.update(
        {
            "max-age": COOKIE_MAX_AGE,
            "path": "/",
            "secure": settings.SESSION_COOKIE_SECURE,  # HTTPS-only where the session cookie is
            "httponly": True,
            "samesite": "Lax",
        }
    )
    return morsel


def write_cookie(response, attribution):
    response.cookies[COOKIE_NAME] = cookie(attribution)


def cookie_mode():
    """`always`, `consent` or `never` (settings.LEADS_ATTRIBUTION_COOKIE)."""
    return settings.LEADS_ATTRIBUTION_COOKIE


def may_set_cookie(cookies):
    """Whether the visitor with these cookies may have their attribution kept in one, under the
    configured mode."""
    mode = cookie_mode()
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
