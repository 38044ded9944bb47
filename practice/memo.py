"""Render memos: what every page reads (the site, the practice's details, the menu, fragments of
published content), built once per process and cache generation.

They share the page cache's generation (practice.cache.request_generation), so the purge that
empties the page cache makes every memo stale too, on every process.
"""

import copy
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.translation import get_language

from .cache import request_generation


class Memo:
    """This process's memo for one cache generation: at most `max_entries` values, the least
    recently used dropped first, so the pages people read stay warm however many pages a crawler
    reads once. Counts its hits and misses for /healthz."""

    def __init__(self, generation, max_entries):
        self.generation = generation
        self.max_entries = max_entries
        self.values = OrderedDict()
        self.hits = self.misses = self.evictions = 0
        # Threaded servers share the memo; only the bookkeeping is locked, never a build.
        self.lock = threading.Lock()

    def get(self, name):
        """The value under `name`, or None (None is never stored)."""
        with self.lock:
            value = self.values.get(name)
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
                self.values.move_to_end(name)
            return value

    def put(self, name, value):
        with self.lock:
            self.values[name] = value
            self.values.move_to_end(name)
            while len(self.values) > self.max_entries:
                self.values.popitem(last=False)
                self.evictions += 1

    def state(self):
        looked_up = self.hits + self.misses
        return {
            "entries": len(self.values),
            "max_entries": self.max_entries,
            "hits": self.hits,
            "misses": self.misses,
            "hit_rate": round(self.hits / looked_up, 3) if looked_up else None,
            "evictions": self.evictions,
        }


# This process's memo; replaced whole when the cache generation moves on (a purge).
_memo = Memo(None, 0)


def current_memo(generation):
    global _memo
    memo = _memo
    if memo.generation != generation:
        memo = _memo = Memo(generation, settings.PRACTICE_MEMO_ENTRIES)
    return memo


def memo_state():
    """This process's memo figures since the last purge (the /healthz details)."""
    return _memo.state()


def memo_key(name, *parts):
    """The key of a memo: the active language (menus, forms and fragments render in it, and a page
    may be shown under another language's prefix: practice/languages.py), its name and what tells
    its values apart (a page, a site, a digest of what it shows). Every memo's key is built here, in
    this process's memo or the shared cache, so what every value depends on is added in one place."""
    return ":".join(str(part) for part in (get_language(), name, *parts))


def memoised(request, name, build):
    """`build()` once per process until the next purge, for what every page reads: the site, the
    practice's details, the menu, routes. Purges bump the generation, so values are never stale.
    None is returned but not remembered, so unknown hosts or paths cannot fill the memo."""
    memo = current_memo(request_generation(request))
    key = memo_key(name)
    value = memo.get(key)
    if value is None:
        value = build()
        if value is not None:
            memo.put(key, value)
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
    """Find the Wagtail site (and its root page) once per process and cache generation.

    Wagtail looks the site up in the database on every request and caches it on
    `request._wagtail_site` (documented on `Site.find_for_request`); setting that attribute first
    saves the query and the root page's `.specific` query. Each request gets its own shallow copies,
    so nothing it sets on them leaks into another request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return self.get_response(request)  # files need no site, and no cache read for one
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        site = memoised(request, f"site:{host}:{request.get_port()}", lambda: self.find_site(request))
        if site is not None:
            request._wagtail_site = copy.copy(site)
            request._wagtail_site.root_page = copy.copy(self.specific_root_page(request, site.root_page))
        return self.get_response(request)

    @staticmethod
    def find_site(request):
        from wagtail.models import Site

        return Site._find_for_request(request)

    @staticmethod
    def specific_root_page(request, root_page):
        """The site's root page in the request's language, as its specific type. It is served only
        at the site's root; below it, it is only routed through (its type's route() and the fields
        every page has), so its own fields are left unloaded, without a query."""
        from .languages import home_path, localized_root

        root_page = localized_root(request, root_page)
        if request.path_info == home_path():
            return memoised(request, f"root-page:{root_page.pk}", lambda: root_page.specific)
        return root_page.specific_deferred
