"""Middleware that notes where a visitor first came from, for the consultation form to read."""

from .landing import first_touch, may_set_cookie, read_cookie, write_cookie

# Staff screens, files and assets are never a patient's landing page.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


class AttributionMiddleware:
    """Sets the first-touch attribution cookie once, on a page view that shows an arrival from
    elsewhere, when settings.LEADS_ATTRIBUTION_COOKIE and the visitor's choice allow it.

    It sits above the page cache, so cached pages get it too, and the cookie is added after the
    page was stored. It reads only its own cookies and adds no Vary header, so pages stay shared.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and not request.path.startswith(SKIPPED_PREFIXES)
            and response.get("Content-Type", "").startswith("text/html")
            and may_set_cookie(request)
        ):
            attribution = first_touch(request)
            # A valid cookie is the first touch and is never replaced; a tampered one may be.
            if attribution is not None and not read_cookie(request):
                write_cookie(response, request, attribution)
        return response
