"""Site-wide views that are not pages: robots.txt and the health check."""

from django.http import JsonResponse
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
