"""Site-wide views that are not pages: robots.txt, the health check and error pages."""

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import contact
from .health import app_checks, database_state, task_queue_state
from .http import client_ip, parse_address, parse_network
from .memo import memo_state


def robots_txt(request):
    """Tell crawlers what to skip and where the sitemap is."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return TemplateResponse(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


@require_safe
@never_cache
def healthz(request):
    """Database, task-queue and background-work state as JSON; 503 when the database is down.

    A load balancer takes a server out of rotation on the 503. Stuck tasks and undelivered
    notifications are listed under `alarms` for the monitor but do not fail the check, since
    taking web servers away would not make the worker run.
    """
    database = database_state()
    healthy = database["status"] == "ok"
    if not is_internal(request):
        # The load balancer needs only the status code; queue sizes and alarms are for our monitor.
        return JsonResponse({"status": "ok" if healthy else "error"}, status=200 if healthy else 503)
    queue, checks, alarms = {"status": "unknown"}, {}, []
    if healthy:
        queue = task_queue_state()
        if queue.get("stuck_running"):
            alarms.append("tasks_stuck_running")
        checks, app_alarms = app_checks()
        alarms.extend(app_alarms)
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "alarms": alarms,
            "database": database,
            "task_queue": queue,
            # The answering process's own render memo: its hit rate since the last purge.
            "memo": memo_state(),
            **checks,
        },
        status=200 if healthy else 503,
    )


def is_internal(request):
    """Whether the request comes from HEALTHZ_DETAIL_NETWORKS (the private network, by default)."""
    address = parse_address(client_ip(request))
    return address is not None and any(
        address in parse_network(network) for network in settings.HEALTHZ_DETAIL_NETWORKS
    )


# Error pages show the practice's phone and hours from practice/contact.py, never the database:
# Django's own would show no number, and a template using the site settings fails with the database.
def bad_request(request, exception=None):
    return contact.error_response("400.html", 400)


def permission_denied(request, exception=None):
    return contact.error_response("403.html", 403)


def csrf_failure(request, reason=""):
    return contact.error_response("403.html", 403)


def server_error(request):
    return contact.error_response("500.html", 500)
