"""What the health-check URL reports: can the site reach its database, and is the task queue moving.

Apps that own other background work add their own check with `register_check` (from their
AppConfig.ready), so this module depends on none of them.
"""

from datetime import timedelta

from django.apps import apps
from django.db import DatabaseError, connection
from django.db.models import Count, Min, Q
from django.utils import timezone

# A task running longer than this was almost certainly lost with its worker (SIGKILL, OOM, power).
STUCK_RUNNING_AFTER = timedelta(minutes=15)

_checks = {}


def register_check(name, check):
    """Add `check()` to the report under `name`; it returns (state dict, list of alarm names)."""
    _checks[name] = check


def app_checks():
    """Each registered check's state, and every alarm they raise."""
    states, alarms = {}, []
    for name, check in _checks.items():
        try:
            states[name], raised = check()
        except DatabaseError:
            states[name], raised = {"status": "error"}, []
        alarms.extend(raised)
    return states, alarms


def database_state():
    """`ok`, or `error` when a trivial query fails."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return {"status": "error"}
    return {"status": "ok"}


def task_queue_state():
    """Counts of the database task queue (django-tasks-db), or `not_installed` without it.

    Read generically from its table, so this app depends on no app that enqueues tasks. A growing
    `ready` count or an old `oldest_ready_seconds` means no worker is taking tasks.
    """
    if not apps.is_installed("django_tasks_db"):
        return {"status": "not_installed"}
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    now = timezone.now()
    try:
        figures = task_result.objects.aggregate(
            ready=Count("pk", filter=Q(status="READY")),
            running=Count("pk", filter=Q(status="RUNNING")),
            failed=Count("pk", filter=Q(status="FAILED")),
            oldest_ready=Min("run_after", filter=Q(status="READY", run_after__lte=now)),
            oldest_running=Min("started_at", filter=Q(status="RUNNING")),
            stuck_running=Count("pk", filter=Q(status="RUNNING", started_at__lt=now - STUCK_RUNNING_AFTER)),
        )
    except DatabaseError:
        return {"status": "error"}
    oldest_ready = figures.pop("oldest_ready")
    oldest_running = figures.pop("oldest_running")
    return {
        "status": "ok",
        **figures,
        "oldest_ready_seconds": _age(now, oldest_ready),
        "oldest_running_seconds": _age(now, oldest_running),
    }


def _age(now, moment):
    return None if moment is None else round((now - moment).total_seconds(), 1)
