"""The page cache's hits, answered in front of Django's handler (practice/wsgi.py wraps the app).

A hit through Django still costs a request object, the URL resolver's set-up and the middleware
chain: more than a bare Django view. Here a hit costs the rules (practice/cache_rules.py, the same ones
PageCacheMiddleware applies), two cache reads and the hit hooks; a miss, or any request the cache
must not answer, goes to Django unchanged, where PageCacheMiddleware stores what it renders.
"""

from .cache import hit_hooks, lookup
from .stored_pages import cached_answer

# Stored pages are 200s (practice.stored_pages.is_storable), answered in full or as a 304.
STATUS_LINES = {200: "200 OK", 304: "304 Not Modified"}


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        page = lookup(environ)
        if page is None:
            return self.application(environ, start_response)
        status, headers, body = cached_answer(page, environ)
        if status == 200:
            for hook in hit_hooks():
                if added := hook(environ, page):
                    headers = [*headers, *added]  # a copy: the page's own list serves every hit
        start_response(STATUS_LINES[status], headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]
