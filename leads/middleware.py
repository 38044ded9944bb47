"""Middleware that notes where a visitor first came from, for the consultation form to read."""

from practice.cache_rules import request_cookies

from .landing import COOKIE_NAME, cookie_header, landing_of, may_set_cookie, read_cookie, write_cookie

# Staff screens, files and assets are never a patient's landing page.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/")


def landing_to_remember(meta, cookies, content_type):
    """The landing to keep in this visitor's cookie for a page view of `content_type`, or None.

    The one rule for the middleware and for hits the page cache answers before Django, so it reads
    only the WSGI environ (`meta`, which is request.META) and the visitor's parsed cookies.
    """
    if (
        meta["REQUEST_METHOD"] != "GET"
        or not content_type.startswith("text/html")
        or meta.get("PATH_INFO", "").startswith(SKIPPED_PREFIXES)  # ASCII prefixes: no decoding needed
        or not may_set_cookie(cookies)
    ):
        return None
    # A valid cookie is the first touch and is never replaced; a tampered one may be.
    if COOKIE_NAME in cookies and read_cookie(cookies):
        return None
    return landing_of(meta)


class AttributionMiddleware:
    """Sets the first-touch attribution cookie once, on a page view that shows an arrival from
    elsewhere, when settings.LEADS_ATTRIBUTION_COOKIE and the visitor's choice allow it.

    It sits above the page cache, so cached pages get it too, and the cookie is added after the
    page was stored. It reads only its own cookies and adds no Vary header, so pages stay shared.
    Hits answered before Django get it from `attribution_on_cache_hit`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 200:
            content_type = response.get("Content-Type", "")
            landing = landing_to_remember(request.META, request.COOKIES, content_type)
            if landing is not None:
                write_cookie(response, landing)
        return response


def attribution_on_cache_hit(environ, page):
    """The page cache's hit hook (registered in LeadsConfig.ready): this visitor's Set-Cookie for a
    hit of the CachedPage `page`, added to this answer only. Ad clicks pay it on every landing, so
    it builds no request or response object."""
    if not environ.get("QUERY_STRING") and not environ.get("HTTP_REFERER"):
        return []  # no arrival to record (landing_of): most hits, so checked first
    landing = landing_to_remember(environ, request_cookies(environ), page.content_type)
    if landing is None:
        return []
    return [("Set-Cookie", cookie_header(landing))]
