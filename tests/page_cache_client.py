"""A Django test client whose requests go through the page cache's WSGI layer first, as they do
under the web server (practice/wsgi.py): a hit is answered by practice.fastcache.PageCacheApplication
and never reaches Django's handler; anything else goes on to Django as usual."""

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.test import Client
from django.test.client import ClientHandler

from practice.fastcache import PageCacheApplication


class PageCacheClientHandler(ClientHandler):
    def __call__(self, environ):
        rendered = []

        def django(environ, start_response):
            rendered.append(super(PageCacheClientHandler, self).__call__(environ))
            return []

        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=int(status.split()[0]), headers=headers)

        body = b"".join(PageCacheApplication(django)(environ, start_response))
        if rendered:
            rendered[0].served_before_django = False
            return rendered[0]
        response = HttpResponse(body, status=answer["status"])
        for name, value in answer["headers"]:
            if name.lower() == "set-cookie":
                response.cookies.load(value)
            else:
                response[name] = value
        response.served_before_django = True
        response.wsgi_request = WSGIRequest(environ)  # what the test client reads from every answer
        return response


class PageCacheClient(Client):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.handler = PageCacheClientHandler(self.handler.enforce_csrf_checks)
