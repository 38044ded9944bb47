"""Full-page cache for anonymous visitors, emptied at once by bumping a generation number.

Why a middleware of our own: Django's cache middleware stores only after every other middleware has
run and reads back through all of them; `wagtail-cache` does not support Wagtail 8. This one sits
first in MIDDLEWARE (after only the attribution middleware), so a hit skips the rest of Django, and it keys entries on a generation number
kept in the same cache: a purge is one increment that every server sharing the cache sees, and
the old entries simply expire.
"""

import copy
import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import escape_uri_path

GENERATION_KEY = "page-cache:generation"
CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
# Headers that belong to one response only, never to be replayed from the cache.
UNSTORED_HEADERS = frozenset({"set-cookie", "date", "x-cache"})


def page_cache():
    """The cache that holds pages and their generation number."""
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
    """The generation that keys live entries; created on first use or after it was evicted."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh value rather than 0: an evicted counter must never bring back older entries.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def purge_page_cache():
    """Make every cached page stale on every server sharing the cache."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (never set, or evicted): a new generation does the same job
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def request_generation(request):
    """The cache generation for this request, read from the shared cache at most once per request.

    It includes today's date: what a page shows can change at midnight with no save to purge on
    (a gallery consent that lapses), so no page or memo outlives the day it was rendered.
    """
    if not hasattr(request, "page_cache_generation"):
        request.page_cache_generation = f"{current_generation()}:{timezone.localdate().isoformat()}"
    return request.page_cache_generation


# (generation, {name: value}) for this process; replaced whole when the generation moves on.
_memo = (None, {})
MEMO_MAX_ENTRIES = 1000


def memoised(request, name, build):
    """`build()` once per process until the next purge, for what every page reads: the site, the
    practice's details, the menu, routes. Purges bump the generation, so values are never stale.
    None is returned but not remembered, so unknown hosts or paths cannot fill the memo."""
    global _memo
    generation = request_generation(request)
    memo_generation, values = _memo
    if memo_generation != generation:
        values = {}
        _memo = (generation, values)
    if name in values:
        return values[name]
    value = build()
    if value is not None and len(values) < MEMO_MAX_ENTRIES:
        values[name] = value
    return value


def memoised_fragment(request, key, render):
    """HTML that shows only published content, rendered by `render()` once per process, cache
    generation and site (page links depend on the site). A preview always renders afresh: its page
    is a draft whose relations (related pages, practitioners) live only in memory."""
    if request is None or getattr(request, "is_preview", False):
        return render()
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return render()
    return memoised(request, f"fragment:{site.pk}:{key}", render)


class MemoisedSiteMiddleware:
    """Find the Wagtail site (and its root page, specific) once per process and cache generation.

    Wagtail looks the site up in the database on every request and caches it on
    `request._wagtail_site` (documented on `Site.find_for_request`); setting that attribute first
    saves the query and the root page's `.specific` query. Each request gets its own shallow copies,
    so nothing it sets on them leaks into another request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        site = memoised(request, f"site:{host}:{request.get_port()}", lambda: self.find_site(request))
        if site is not None:
            request._wagtail_site = copy.copy(site)
            request._wagtail_site.root_page = copy.copy(site.root_page)
        return self.get_response(request)

    @staticmethod
    def find_site(request):
        from wagtail.models import Site

        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site


def carries_session(request):
    """Whether the visitor brings a session: someone who may be signed in, whose page may differ.

    Read from the cookie alone: touching `request.session` or `request.user` would add
    `Vary: Cookie` to the response and make the page unshareable for everyone.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def bypass_reason(request):
    """Why this request must not be answered from (or stored in) the cache, or None if it may."""
    if not settings.PAGE_CACHE_SECONDS:
        return "disabled"
    if request.method not in CACHEABLE_METHODS:
        return "method"
    if request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS):
        return "path"
    # A signed-in editor above all, or a flash message waiting to be shown.
    if carries_session(request) or any(
        name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES
    ):
        return "cookie"
    if "HTTP_AUTHORIZATION" in request.META:
        return "authorization"
    return None


def is_storable(response):
    """Whether a response is the same for every anonymous visitor, so it may be shared."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = {
        part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")
    }
    if cache_control & {"private", "no-cache", "no-store"}:
        return False
    # The key holds only the URL, so a response that varies on any request header (Cookie above
    # all, but also Accept-Encoding if compression is added here) must not be shared.
    return not response.has_header("Vary")


def cache_key(request, generation):
    """One key per generation, scheme, host and full path, its query string without the tracking
    parameters (settings.PAGE_CACHE_IGNORED_PARAMS): an ad landing with a unique click id is the
    same page as any other, so it is served from the cache."""
    url = f"{request.scheme}://{request.get_host()}{page_path(request)}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page-cache:{generation}:{digest}"


def page_path(request):
    """The request's path and query string, left out the parameters that only track a visit."""
    ignored = settings.PAGE_CACHE_IGNORED_PARAMS
    if not any(name in request.GET for name in ignored):
        return request.get_full_path()
    kept = [(name, value) for name, value in request.GET.lists() if name not in ignored]
    query = urlencode(kept, doseq=True)
    return f"{escape_uri_path(request.path)}{'?' + query if query else ''}"


class PageCacheMiddleware:
    """Answer anonymous GET and HEAD requests from stored bytes and headers; first in MIDDLEWARE
    but for the attribution middleware, which adds a visitor's own cookie after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if bypass_reason(request):
            return self.get_response(request)
        cache = page_cache()
        try:
            # The generation is read before rendering, so a page rendered while an editor
            # publishes is stored under the old generation and never served.
            key = cache_key(request, request_generation(request))
        except DisallowedHost:
            return self.get_response(request)  # Django answers it with a 400
        stored = cache.get(key)
        if stored is not None:
            return self.replay(stored)
        response = self.get_response(request)
        if request.method == "GET" and is_storable(response):
            headers = [
                (name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
            ]
            cache.set(key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def replay(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        return response
