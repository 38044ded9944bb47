"""Full-page cache for anonymous visitors, emptied at once by bumping a generation number.

Why a middleware of our own: Django's cache middleware stores only after every other middleware has
run and reads back through all of them; `wagtail-cache` does not support Wagtail 8. This one sits
first in MIDDLEWARE (after only the attribution middleware), so a hit skips the rest of Django, and it keys entries on a generation number
kept in the same cache: a purge is one increment that every server sharing the cache sees, and
the old entries simply expire.

A purge may also say what changed (its scopes, below): the render memos (practice/memo.py) that
show nothing of it outlive it. Stored pages never do: each shows menus, the footer and the
practice's details, so every purge makes all of them stale.

Which requests it answers and their keys are in practice/cache_rules.py, what it stores of a page
and how a hit is answered from it in practice/stored_pages.py.
"""

import datetime
import os
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.utils import timezone

from .cache_rules import bypass_reason, cache_key, rules
from .stored_pages import CachedPage, cached_answer, is_storable, stored_page

GENERATION_KEY = "page-cache:generation"

# What a purge can say changed, each with a generation of its own beside the page cache's, in the
# same cache, so every server sharing it sees a purge the same way. A purge that names none moves
# them all on (EVERYTHING): a changed image, site or privacy restriction shows anywhere.
EVERYTHING = "everything"
PAGES = "pages"  # any page's published content
LINKS = "links"  # what other pages show of a page: its title, URL, live state, menu flag, place in the tree
SETTINGS = "settings"  # the practice's details
GALLERY = "gallery"  # gallery items and their consent
CLINICS = "clinics"  # clinic pages and their prices
SCOPES = (EVERYTHING, PAGES, LINKS, SETTINGS, GALLERY, CLINICS)
# Where the lookup leaves the generation it read, for Django to store a miss under the same one.
GENERATION_ENVIRON_KEY = "practice.page_cache_generation"


def page_cache():
    """The cache that holds pages and their generation number."""
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation(key=GENERATION_KEY):
    """The generation under `key` (the page cache's, or a scope's); created on first use or after it
    was evicted."""
    cache = page_cache()
    if isinstance(cache, FileBasedCache):
        return file_generation(cache, key)
    return stored_generation(cache, key)


def stored_generation(cache, key):
    generation = cache.get(key)
    if generation is None:
        # A fresh value rather than 0: an evicted counter must never bring back older entries.
        cache.add(key, time.time_ns(), timeout=None)
        generation = cache.get(key)
    return generation


# {(folder, key): (the file's path, inode, mtime and size; the generation it held)} in this process.
_file_generations = {}


def file_generation(cache, key):
    """A file cache's generation, read again only when its file changed: every hit reads the page
    cache's, and a stat costs a fraction of opening, unpickling and decompressing the file.

    Every write of a FileBasedCache entry (an `incr` is a get and a set) replaces its file, so a new
    inode, and `touch` rewrites it, so a new mtime: the same identity means the same generation. The
    identity is taken before the file is read, so a purge in between is read at the next stat."""
    kept = _file_generations.get((cache._dir, key))
    path = kept[0][0] if kept else cache._key_to_file(key)
    try:
        stat = os.stat(path)
    except FileNotFoundError:  # never set, culled or cleared: read (and so recreate) it as usual
        return stored_generation(cache, key)
    identity = (path, stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if kept is None or kept[0] != identity:
        kept = _file_generations[cache._dir, key] = (identity, stored_generation(cache, key))
    return kept[1]


def scope_key(scope):
    return f"page-cache:scope:{scope}"


def scope_generations():
    """{scope: its generation now}, read from the shared cache (one round trip to Redis)."""
    cache = page_cache()
    keys = {scope_key(scope): scope for scope in SCOPES}
    if isinstance(cache, FileBasedCache):
        return {scope: file_generation(cache, key) for key, scope in keys.items()}
    found = cache.get_many(keys)
    return {scope: found.get(key) or stored_generation(cache, key) for key, scope in keys.items()}


def purge_page_cache(*scopes):
    """Make every cached page stale on every server sharing the cache, and the render memos that
    show any of `scopes` (all of them when none is named)."""
    cache = page_cache()
    for key in (GENERATION_KEY, *(scope_key(scope) for scope in scopes or (EVERYTHING,))):
        try:
            cache.incr(key)
        except ValueError:  # missing (never set, or evicted): a new generation does the same job
            cache.set(key, time.time_ns(), timeout=None)


def generation_of_today():
    """The generation that keys pages and memos now, read from the shared cache.

    It includes today's date: what a page shows can change at midnight with no save to purge on
    (a gallery consent that lapses), so no page or memo outlives the day it was rendered.
    """
    return f"{current_generation()}:{local_date()}"


# (the time.time() the local day ends at, that day as text): read on every hit, and
# timezone.localdate() costs more than the rest of a hit's lookup.
_local_day = (0.0, "")


def local_date():
    """Today's date in settings.TIME_ZONE, as "YYYY-MM-DD", worked out again only after midnight."""
    global _local_day
    now = time.time()
    if now >= _local_day[0]:
        zone = timezone.get_default_timezone()
        today = datetime.datetime.fromtimestamp(now, zone).date()
        midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), zone)
        _local_day = (midnight.timestamp(), today.isoformat())
    return _local_day[1]


def forget_local_day(**kwargs):
    global _local_day
    _local_day = (0.0, "")


setting_changed.connect(forget_local_day, dispatch_uid="page-cache-local-day")


def request_generation(request):
    """The cache generation for this request, read from the shared cache at most once per request
    (the page cache's lookup already read it when it ran)."""
    if not hasattr(request, "page_cache_generation"):
        request.page_cache_generation = request.META.get(GENERATION_ENVIRON_KEY) or generation_of_today()
    return request.page_cache_generation


# Functions called on every hit the WSGI layer answers, each given the WSGI environ and the
# CachedPage, returning headers to add to this answer only (a visitor's own Set-Cookie): apps register
# theirs in AppConfig.ready(), as leads does. A hook builds a Django request only when it needs one.
_hit_hooks = []


def register_hit_hook(hook):
    if hook not in _hit_hooks:
        _hit_hooks.append(hook)


def hit_hooks():
    return tuple(_hit_hooks)


# The hottest pages, kept in this process too: a key names one generation and day, so a copy can
# never outlive a purge, and it saves reading and unpickling the page from the shared cache on
# every hit. Bounded in number and age (the shared entry may be evicted before it expires).
_local_pages = {}
LOCAL_PAGES_MAX = 100
LOCAL_PAGE_SECONDS = 30


def lookup(environ):
    """The CachedPage for this request, or None (a miss, or a request the cache must not answer).

    The generation is read once and kept in the environ, so Django (on a miss) stores the page
    under the generation read before it rendered: a page rendered while an editor publishes is
    stored under the old generation and never served."""
    if bypass_reason(environ):
        return None
    if GENERATION_ENVIRON_KEY not in environ:  # already read, when the WSGI layer passed a miss on
        environ[GENERATION_ENVIRON_KEY] = generation_of_today()
    key = cache_key(environ, environ[GENERATION_ENVIRON_KEY])
    now = time.monotonic()
    kept = _local_pages.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    stored = page_cache().get(key)
    if stored is None:
        return None
    page = CachedPage(stored)
    if len(_local_pages) >= LOCAL_PAGES_MAX:
        _local_pages.clear()  # rare: more hot pages than the bound; they come back on use
    _local_pages[key] = (now + min(LOCAL_PAGE_SECONDS, rules().seconds), page)
    return page


class PageCacheMiddleware:
    """Store what Django renders for anonymous GET requests; first in MIDDLEWARE but for the
    attribution middleware, which adds a visitor's own cookie after it.

    In production hits never reach it: practice/fastcache.py answers them before Django's handler.
    It answers them itself when Django is served without that layer (runserver, the test client),
    with the same rules and answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        environ = request.META
        page = lookup(environ)
        if page is not None:
            return self.replay(cached_answer(page, environ))
        response = self.get_response(request)
        if GENERATION_ENVIRON_KEY in environ and request.method == "GET" and is_storable(response):
            stored = stored_page(response)
            page_cache().set(
                cache_key(environ, environ[GENERATION_ENVIRON_KEY]), stored, settings.PAGE_CACHE_SECONDS
            )
            for name, value in stored[1]:
                response[name] = value
            response["ETag"] = stored[3]
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def replay(answer):
        status, headers, body = answer
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        return response
