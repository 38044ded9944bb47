"""Attribution: the one rule that names where a lead came from, and how staff screens show it.

What a visitor's landing records, and the cookie that keeps it, is leads.landing. `classify` is the only place that decides a lead's channel (paid, organic, social...) and source
(google, facebook, a website's host...). Leads store its answer when they are created, so reports,
filters and exports read stored values; the migration that added those fields ran it too.
"""

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from django.db import models

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
    # Requests the front desk records by hand (frontdesk's "Record a call or visit"); never a web visit.
    PHONE = "phone", "Phone call"
    WALK_IN = "walk_in", "Walk-in"


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


@functools.lru_cache(maxsize=256)  # the few referrers most landings carry (a search engine's origin)
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


def arrival_of(touch):
    """`lead_arrival` of a first touch's fields, on a Lead or a leads.landing.Attribution alike."""
    return lead_arrival(
        landing_page=touch.landing_page,
        referrer=touch.referrer,
        utm_source=touch.utm_source,
        utm_medium=touch.utm_medium,
        click_id_param=touch.click_id_param,
        click_id=touch.click_id,
    )


def arrival_label(channel, source):
    """An arrival as every staff screen and report names it: "google (Paid ads)", or "Direct" alone.

    Leads and page-view counts store the same `classify` answer, so the lead inbox, the lead report
    and the conversion report show one name for one source.
    """
    label = Channel(channel).label
    return f"{source} ({label})" if source else label


def source_of(lead):
    """Where a lead came from (`arrival_label` of the channel and source stored on it).

    Reports group by the same channel labels in SQL (`channel_label_expression`).
    """
    return arrival_label(lead.channel, lead.source)


def channel_label_expression():
    """The label of a lead's channel ("Paid ads"), computed by the database for grouping."""
    labels = [models.When(channel=channel.value, then=models.Value(channel.label)) for channel in Channel]
    return models.Case(*labels, default=models.F("channel"), output_field=models.CharField())
