"""Middleware that notes where a visitor first came from, for the consultation form to read."""

from .attribution import COOKIE_NAME, first_touch, write_cookie

# Staff screens, files and assets are never a patient's landing page.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


class AttributionMiddleware:
    """Sets the first-touch attribution cookie once, on a page view that carries campaign data.

    It reads only its own cookie and adds no Vary header, so pages stay cacheable for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "GET"
            and COOKIE_NAME not in request.COOKIES
            and response.status_code == 200
            and not request.path.startswith(SKIPPED_PREFIXES)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            attribution = first_touch(request)
            if attribution is not None:
                write_cookie(response, request, attribution)
        return response
