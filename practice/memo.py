"""Render memos: what every page reads (the site, the practice's details, the menu, fragments of
published content), built once per process and cache generation.

They share the page cache's generation (practice.cache.request_generation), so the purge that
empties the page cache makes every memo stale too, on every process.
"""

import copy

from django.conf import settings
from django.core.exceptions import DisallowedHost

from .cache import request_generation

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
        """The site's root page as its specific type. It is served only at the site's root; below
        it, it is only routed through (its type's route() and the fields every page has), so its
        own fields are left unloaded, without a query."""
        if request.path_info == "/":
            return memoised(request, f"root-page:{root_page.pk}", lambda: root_page.specific)
        return root_page.specific_deferred
