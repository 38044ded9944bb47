"""The page cache's hits, answered in front of Django's handler (practice/wsgi.py wraps the app).

A hit through Django still costs a request object, the URL resolver's set-up and the middleware
chain: more than a bare Django view. Here a hit costs the rules (practice/cache.py, the same ones
PageCacheMiddleware applies), two cache reads and the hit hooks; a miss, or any request the cache
must not answer, goes to Django unchanged, where PageCacheMiddleware stores what it renders.
"""

from http import HTTPStatus

from .cache import cached_answer, hit_hooks, lookup


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        stored = lookup(environ)
        if stored is None:
            return self.application(environ, start_response)
        status, headers, body = cached_answer(stored, environ)
        if status == 200:
            for hook in hit_hooks():
                headers += hook(environ, stored[1])
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]
