"""Page views of pages Django answers, the page cache's hits through Django included."""

from .counting import count_page_view


class PageViewMiddleware:
    """Counts the page view a response answers (analytics.counting says which are), above the page
    cache so its hits are counted too. It reads no cookie of its own and sets none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        count_page_view(request.META, response.status_code, response.get("Content-Type", ""))
        return response


def page_view_on_cache_hit(environ, page):
    """The page cache's hit hook (registered in AnalyticsConfig.ready): counts a hit of the
    CachedPage `page` answered before Django, by the same rule. It adds no header."""
    count_page_view(environ, 200, page.content_type)
    return []
