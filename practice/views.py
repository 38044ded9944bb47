"""Site-wide views that are not pages: robots.txt, the health check and the bench's ceiling."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import database_state, task_queue_state


def robots_txt(request):
    """Tell crawlers what to skip and where the sitemap is."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return TemplateResponse(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


@require_safe
@never_cache
def healthz(request):
    """Database and task-queue state as JSON; 503 when the database cannot be reached.

    A load balancer takes a server out of rotation on the 503; a stuck queue is reported but does
    not fail the check, since taking web servers away would not make the worker run.
    """
    database = database_state()
    queue = task_queue_state() if database["status"] == "ok" else {"status": "unknown"}
    healthy = database["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "task_queue": queue},
        status=200 if healthy else 503,
    )


@cache
def _ceiling_body():
    return Path(settings.BENCH_CEILING_FILE).read_bytes()


def bench_ceiling(request):
    """Fixed bytes with no work at all: the benchmark's ceiling, routed only while it runs."""
    return HttpResponse(_ceiling_body(), content_type="text/html; charset=utf-8")
