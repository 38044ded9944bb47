"""Which requests are page views, and the group each is counted in: the one rule for pages Django
renders (analytics.middleware) and for hits the page cache answers before Django (the hit hook).

Read from the WSGI environ alone, never a cookie the count sets or an identifier it keeps: the
address is held for one second (the flood limit), the User-Agent only as the class of device.
"""

import functools
from time import monotonic
from types import SimpleNamespace
from typing import NamedTuple

import crawleruseragents
from django.conf import settings
from django.core.signals import setting_changed

from leads.attribution import DIRECT, arrival_of, site_host
from leads.landing import first_touch, host_name
from leads.middleware import SKIPPED_PREFIXES
from practice.cache import local_date
from practice.cache_rules import request_cookies, request_host
from practice.http import path_info, visitor_key
from practice.visitors import USER_AGENT_LENGTH, device_class

from . import tally
from .models import PATH_LENGTH, PageViewCount

COUNTED_STATUSES = frozenset({200, 404})
ROBOT_DECISIONS = 4096  # distinct User-Agents whose verdict is remembered: real traffic has a few hundred


class PageView(NamedTuple):
    """The group one view is counted in: a PageViewCount row's fields but for `views`."""

    day: str  # YYYY-MM-DD in settings.TIME_ZONE
    path: str
    not_found: bool
    channel: str
    source: str
    campaign: str
    device: str


@functools.cache
def counting_settings():
    """The settings every view reads, read once (the lazy settings object costs microseconds per
    attribute on every hit). Read again when a test changes a setting."""
    return SimpleNamespace(enabled=settings.ANALYTICS_ENABLED, session_cookie=settings.SESSION_COOKIE_NAME)


def forget_counting_settings(**kwargs):
    counting_settings.cache_clear()


setting_changed.connect(forget_counting_settings, dispatch_uid="analytics-counting-settings")


def count_page_view(environ, status, content_type):
    """Count the answer `status` with `content_type` to the request `environ`, if it is a page view."""
    view = page_view(environ, status, content_type)
    if view is not None:
        tally.add(view)


def page_view(environ, status, content_type):
    """The PageView this answer is counted in, or None when it is no person's view of a public page.

    Cheapest checks first: a hit pays for all of them. The robot list comes after the flood limit,
    so a client sending a new User-Agent with every request is matched against it once a second.
    """
    counting = counting_settings()
    if (
        not counting.enabled
        or environ.get("REQUEST_METHOD") != "GET"  # HEAD is a checker's, POST a form's answer
        or status not in COUNTED_STATUSES
        or not content_type.startswith("text/html")  # a feed, a sitemap, a file: not a page
        or not is_seen_page(environ)
    ):
        return None
    path = path_info(environ)  # bytes that are not UTF-8 come back percent-encoded
    if path.startswith(SKIPPED_PREFIXES):  # the admin (previews too), files and assets
        return None
    if "HTTP_COOKIE" in environ and counting.session_cookie in request_cookies(environ):
        return None  # someone who may be signed in: an editor checking their page is no visitor
    if is_flood(environ):
        return None
    user_agent = environ.get("HTTP_USER_AGENT", "")
    if is_robot(user_agent[:USER_AGENT_LENGTH]):
        return None
    channel, source, campaign = arrival(environ)
    day = local_date()
    path = path[:PATH_LENGTH]
    if status == 404:
        path = not_found_path(path, day)
    # Positional, in the fields' order: a named tuple's keywords cost a microsecond on every view.
    return PageView(day, path, status == 404, channel, source, campaign, device_class(user_agent))


# A day's distinct 404 paths each keep their own row up to this many per process; further ones are
# counted together as OTHER_NOT_FOUND, so a scanner trying endless URLs from endless addresses adds
# a bounded number of rows a day (broken links people follow are among the first few).
NOT_FOUND_PATHS_PER_DAY = 200
OTHER_NOT_FOUND = "(other paths not found)"
_not_found = SimpleNamespace(day="", paths=set())


def not_found_path(path, day):
    """The path a 404 of `path` is counted under on `day`: its own, or OTHER_NOT_FOUND."""
    if day != _not_found.day:
        _not_found.day, _not_found.paths = day, set()
    if path in _not_found.paths:
        return path
    if len(_not_found.paths) >= NOT_FOUND_PATHS_PER_DAY:
        return OTHER_NOT_FOUND
    _not_found.paths.add(path)
    return path


def is_seen_page(environ):
    """Whether the browser fetched this page to show it: not a prefetch, prerender or thumbnail it
    may never show (Sec-Purpose, or the older Purpose, X-Purpose and X-Moz), nor a frame or a
    script's fetch."""
    purpose = (
        environ.get("HTTP_SEC_PURPOSE")
        or environ.get("HTTP_PURPOSE")
        or environ.get("HTTP_X_PURPOSE")
        or environ.get("HTTP_X_MOZ")
    )
    if purpose and ("prefetch" in purpose or "prerender" in purpose or "preview" in purpose):
        return False
    destination = environ.get("HTTP_SEC_FETCH_DEST")
    return destination is None or destination == "document"  # browsers before 2020 send none


@functools.lru_cache(maxsize=ROBOT_DECISIONS)
def is_robot(user_agent):
    """Whether the User-Agent is a crawler, a link preview, a headless browser or a script, by the
    maintained crawler-user-agents list (about a millisecond to match, so once per distinct header).
    Every browser sends a User-Agent: a request without one is a script's."""
    return not user_agent or crawleruseragents.is_crawler(user_agent)


# The visitors (an IPv4 address, or an IPv6 /64) counted in the current second, in this process only:
# forgotten when the second ends, never stored, and never more than one second's requests.
_flood = SimpleNamespace(second=0, counted=set())


def is_flood(environ):
    """Whether this visitor already had a view counted in this second: at most one a second each."""
    second = int(monotonic())
    if second != _flood.second:
        _flood.second, _flood.counted = second, set()
    visitor = visitor_key(environ)
    if visitor in _flood.counted:
        return True
    _flood.counted.add(visitor)
    return False


def arrival(environ):
    """(channel, source, campaign) of a view: `internal` after a link on this site; otherwise the
    arrival a lead landing here would be named by (leads.landing.first_touch), or direct."""
    referrer = environ.get("HTTP_REFERER", "")
    if not referrer and not environ.get("QUERY_STRING"):
        return DIRECT.channel, DIRECT.source, ""  # a bookmark or a typed address: most views
    host = host_name(request_host(environ) or "")
    if referrer and host and site_host(referrer) == host:
        return PageViewCount.INTERNAL, "", ""
    landing = first_touch(environ)
    if landing is None:
        return DIRECT.channel, DIRECT.source, ""
    named = arrival_of(landing)
    return named.channel, named.source, landing.utm_campaign  # cut to the field's length
