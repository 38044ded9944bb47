"""Middleware that notes where a visitor first came from, for the consultation form to read."""

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse

from .attribution import first_touch, may_set_cookie, read_cookie, write_cookie

# Staff screens, files and assets are never a patient's landing page.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


def landing_to_remember(request, content_type):
    """The first touch to keep in this visitor's cookie for a page view of `content_type`, or None:
    the one rule for the middleware and for hits the page cache answers before Django."""
    if (
        request.method != "GET"
        or request.path.startswith(SKIPPED_PREFIXES)
        or not content_type.startswith("text/html")
        or not may_set_cookie(request)
    ):
        return None
    attribution = first_touch(request)
    # A valid cookie is the first touch and is never replaced; a tampered one may be.
    if attribution is None or read_cookie(request):
        return None
    return attribution


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
            attribution = landing_to_remember(request, response.get("Content-Type", ""))
            if attribution is not None:
                write_cookie(response, request, attribution)
        return response


def attribution_on_cache_hit(environ, stored_headers):
    """The page cache's hit hook (registered in LeadsConfig.ready): this visitor's Set-Cookie for a
    stored page, added to this answer only."""
    if not environ.get("QUERY_STRING") and not environ.get("HTTP_REFERER"):
        return []  # no arrival to record (Attribution.from_landing): most hits, so checked first
    content_type = next((value for name, value in stored_headers if name.lower() == "content-type"), "")
    request = WSGIRequest(environ)
    attribution = landing_to_remember(request, content_type)
    if attribution is None:
        return []
    response = HttpResponse()
    write_cookie(response, request, attribution)
    return [("Set-Cookie", morsel.OutputString()) for morsel in response.cookies.values()]
