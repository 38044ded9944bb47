"""First-touch attribution: where a visitor first arrived from, and the one rule that names it.

`classify` is the only place that decides a lead's channel (paid, organic, social...) and source
(google, facebook, a website's host...). Leads store its answer when they are created, so reports,
filters and exports read stored values; the migration that added those fields ran it too.
"""

import re
from dataclasses import asdict, dataclass, fields
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost
from django.db import models

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


def source_of(lead):
    """Where a lead came from, as staff screens name it: "google (Paid ads)", or "Direct" alone.

    The source and channel are `classify`'s, stored on the lead; reports group by the same
    channel labels in SQL (`channel_label_expression`).
    """
    channel = Channel(lead.channel).label
    return f"{lead.source} ({channel})" if lead.source else channel


def channel_label_expression():
    """The label of a lead's channel ("Paid ads"), computed by the database for grouping."""
    labels = [models.When(channel=channel.value, then=models.Value(channel.label)) for channel in Channel]
    return models.Case(*labels, default=models.F("channel"), output_field=models.CharField())


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
        return asdict(self)

    def __bool__(self):
        return any(self.as_dict().values())


def _params(query_dict):
    """One value per name (the first), as a plain dict; repeated parameters do not multiply."""
    return {name: query_dict.get(name, "") for name in query_dict}


def own_host(request):
    """This site's hostname without "www.", or "" when the Host header is not one we serve."""
    try:
        return request.get_host().split(":")[0].lower().removeprefix("www.")
    except DisallowedHost:  # Django answers such requests with a 400 of its own
        return ""


def external_referrer(referrer, request):
    """`referrer` when it is a well-formed URL of another site, else "" (same-site or malformed)."""
    host = site_host(referrer)
    return referrer.strip() if host and host != own_host(request) else ""


def first_touch(request):
    """The attribution of this page view, or None when it shows no arrival from elsewhere."""
    referrer = external_referrer(request.headers.get("Referer", ""), request)
    return Attribution.from_landing(
        path=request.get_full_path(), params=_params(request.GET), referrer=referrer
    )


def landing_from_page(request, *, landing_url, referrer):
    """The attribution a page reports about its own landing (the prompt's script, the form's hidden
    fields): the URL must be one of ours and the referrer another site's, or they are ignored."""
    try:
        parts = urlsplit(landing_url.strip())
    except ValueError:
        return None
    if parts.netloc and site_host(landing_url) != own_host(request):
        return None
    path = parts.path if parts.path.startswith("/") and not parts.path.startswith("//") else ""
    if not path:
        return None
    params = dict(parse_qsl(parts.query))
    full_path = f"{path}?{parts.query}" if parts.query else path
    return Attribution.from_landing(
        path=full_path, params=params, referrer=external_referrer(referrer, request)
    )


def read_cookie(request):
    """The attribution stored in the visitor's cookie, or an empty one when absent or tampered with."""
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return Attribution()
    try:
        return Attribution.from_dict(signing.loads(value, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return Attribution()


def write_cookie(response, request, attribution):
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(attribution.as_dict(), salt=COOKIE_SALT, compress=True),
        max_age=COOKIE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def cookie_mode():
    """`always`, `consent` or `never` (settings.LEADS_ATTRIBUTION_COOKIE)."""
    return settings.LEADS_ATTRIBUTION_COOKIE


def may_set_cookie(request):
    """Whether this visitor's attribution may be kept in a cookie, under the configured mode."""
    mode = cookie_mode()
    return mode == "always" or (mode == "consent" and request.COOKIES.get(CHOICE_COOKIE_NAME) == "accepted")


def for_lead(request, *, landing_url, referrer):
    """The attribution a new lead gets: the cookie's first touch when there is a valid one, else
    what the form's page reported about its own landing, else nothing."""
    return (
        read_cookie(request)
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
    if not read_cookie(request):
        attribution = landing_from_page(request, landing_url=landing_url, referrer=referrer)
        if attribution is not None:
            write_cookie(response, request, attribution)
