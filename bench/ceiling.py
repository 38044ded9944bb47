"""The bench's ceiling: the best bare Django can do, a minimal project of its own.

One view returning fixed bytes (the treatment page's, written by bench/pages.py), no middleware, no
apps, no database, under gunicorn sync workers (`-w 2*cores+1`, gunicorn's own advice):

    PRACTICE_BENCH_CEILING_FILE=page.html gunicorn -k sync -w 5 bench.ceiling:application
"""

import os
from pathlib import Path

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    SECRET_KEY=os.urandom(32).hex(),
)
django.setup()

BODY = Path(os.environ["PRACTICE_BENCH_CEILING_FILE"]).read_bytes()


def page(request, anything=""):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page), path("<path:anything>", page)]
application = get_wsgi_application()
