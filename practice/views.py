"""Views outside the page tree."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse


@cache
def _ceiling_body():
    return Path(settings.BENCH_CEILING_FILE).read_bytes()


def bench_ceiling(request):
    """Fixed bytes with no work at all: the benchmark's ceiling, routed only while it runs."""
    return HttpResponse(_ceiling_body(), content_type="text/html; charset=utf-8")
