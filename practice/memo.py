"""Render memos: what every page reads (the site, the practice's details, the menu, fragments of
published content), built once per process and kept until a purge of what it shows.

Each value names the scopes it shows (practice.cache: pages, links, settings, gallery, clinics) and
is kept with their generations as it was built; it is used while they are unchanged, so a publish
that changes one page's summary leaves the gallery, the menu and the practice's details memoised.
A value that names none is kept until any purge. The generations are read from the shared cache
once per request, so a purge on one server is seen by every process. A value built inside another
(a gallery inside a page's fragment) adds its scopes to the outer one's: the outer HTML holds it.
"""

import contextvars
import copy
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.translation import get_language

from . import cache
from .cache import EVERYTHING, LINKS, PAGES, SETTINGS, request_generation, scope_generations

# The scope of a value that names none: any purge.
ANY_PURGE = "any purge"
# Not a scope but the day, which every value shows: the memo is replaced when it ends.
TODAY = "today"
# What a fragment of published content shows unless it says otherwise: pages (its own and others'
# titles, images and URLs) and the practice's details.
PUBLISHED_CONTENT = (PAGES, LINKS, SETTINGS)
# What the site's frame (header, footer) shows: the practice's details and what pages show of other
# pages (the menu's titles and URLs, the language switcher's translations, the policy pages' links),
# never a page's content, so a publish that changes only a page's words leaves it memoised.
FRAME = (LINKS, SETTINGS)


class Memo:
    """This process's memo until everything is purged or the day ends: at most `max_entries` values, the least
    recently used dropped first, so the pages people read stay warm however many pages a crawler
    reads once. Counts its hits and misses for /healthz."""

    def __init__(self, generation, max_entries):
        self.generation = generation
        self.max_entries = max_entries
        self.values = OrderedDict()
        self.hits = self.misses = self.evictions = 0
        # Threaded servers share the memo; only the bookkeeping is locked, never a build.
        self.lock = threading.Lock()

    def get(self, name, generations):
        """The value under `name` and the scopes it shows, or None when there is none or a scope it
        shows has been purged since it was built (None is never stored)."""
        with self.lock:
            entry = self.values.get(name)
            if entry is None or any(generations[scope] != built for scope, built in entry[1].items()):
                self.misses += 1
                return None
            self.hits += 1
            self.values.move_to_end(name)
            return entry

    def put(self, name, value, built):
        """Keep `value` with `built`, {scope: its generation when the value was built}."""
        with self.lock:
            self.values[name] = (value, built)
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


# This process's memo; replaced whole when everything is purged or the day ends (what a page shows
# can change at midnight with no save to purge on: a gallery consent that lapses).
_memo = Memo(None, 0)


def current_memo(generations):
    global _memo
    memo = _memo
    generation = (generations[EVERYTHING], generations[TODAY])
    if memo.generation != generation:
        memo = _memo = Memo(generation, settings.PRACTICE_MEMO_ENTRIES)
    return memo


def request_generations(request):
    """{scope: generation} for this request, read from the shared cache at most once per request;
    ANY_PURGE is the page cache's generation, which every purge moves on."""
    if not hasattr(request, "memo_generations"):
        request.memo_generations = {
            **scope_generations(),
            ANY_PURGE: request_generation(request),
            TODAY: cache.local_date(),
        }
    return request.memo_generations


# The scopes shown by each value being built in this thread, innermost last.
_building = contextvars.ContextVar("practice_memo_building", default=())


def memo_state():
    """This process's memo figures since the last purge (the /healthz details)."""
    return _memo.state()


def memo_key(name, *parts):
    """The key of a memo: the active language (menus, forms and fragments render in it, and a page
    may be shown under another language's prefix: practice/languages.py), its name and what tells
    its values apart (a page, a site, a digest of what it shows). Every memo's key is built here, in
    this process's memo or the shared cache, so what every value depends on is added in one place."""
    return ":".join(str(part) for part in (get_language(), name, *parts))


def memoised(request, name, build, shows=(ANY_PURGE,)):
    """`build()` once per process until a purge of a scope it `shows` (practice.cache's scopes; any
    purge unless it says), of everything, or the end of the day, for what every page reads: the
    site, the practice's details, the menu, routes. None is returned but not remembered, so unknown
    hosts or paths cannot fill the memo."""
    generations = request_generations(request)
    memo = current_memo(generations)
    key = memo_key(name)
    entry = memo.get(key, generations)
    if entry is not None:
        value, built = entry
    else:
        value, shown = build_showing(build, shows)
        built = {scope: generations[scope] for scope in shown}
        if value is not None:
            memo.put(key, value, built)
    building = _building.get()
    if building:
        building[-1].update(built)  # the value being built holds this one, so it shows what this shows
    return value


def build_showing(build, shows):
    """`build()` and the scopes it shows: `shows` and those of the memoised values it read."""
    shown = set(shows)
    token = _building.set((*_building.get(), shown))
    try:
        return build(), shown
    finally:
        _building.reset(token)


def memoised_fragment(request, key, render, shows=PUBLISHED_CONTENT):
    """HTML that shows only published content, rendered by `render()` once per process and site
    (page links depend on the site) until a purge of what it `shows`. A preview always renders
    afresh: its page is a draft whose relations (related pages, practitioners) live only in memory."""
    if request is None or getattr(request, "is_preview", False):
        return render()
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return render()
    return memoised(request, f"fragment:{site.pk}:{key}", render, shows)


class MemoisedSiteMiddleware:
    """Find the Wagtail site (and its root page) once per process until a page's title or URL changes.

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
        # The site's root page comes with it: breadcrumbs show its title and URL.
        site = memoised(
            request, f"site:{host}:{request.get_port()}", lambda: self.find_site(request), shows=(LINKS,)
        )
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
            # get_specific(), not .specific: that is kept on the memoised site's page, read before
            # its last publish.
            return memoised(request, f"root-page:{root_page.pk}", root_page.get_specific, shows=(PAGES,))
        return root_page.specific_deferred
