"""The front desk's background work, run by the leads queue's worker (`db_worker --backend leads
--queue-name leads`): writing a large inbox export (frontdesk.background_exports queues it) and
summarising the lead report's days (the lead sweeper queues it)."""

import datetime
import io
import logging

from django.http import QueryDict
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from leads.models import Lead

from .filters import inbox_leads
from .models import LeadExport
from .spreadsheets import LeadColumns, export_queryset
from .summaries import created_on, days_to_summarise, summarise

logger = logging.getLogger(__name__)

# A summary task "running" for longer than this was left by a worker that died.
STUCK_AFTER = datetime.timedelta(hours=1)

# How often the progress is saved, in rows.
PROGRESS_EVERY = 1000


class ExportFailed(Exception):
    """The export could not be written; the message is only the original error's class name,
    since the task queue stores what a task raises and an error may quote a cell."""


class LeadSpreadsheet(LeadColumns, SpreadsheetExportMixin):
    """The inbox export's columns and cells, outside a request."""


def with_progress(export, leads):
    """The leads, one by one, counting them on `export` and saving the count every PROGRESS_EVERY."""
    export.done = 0
    for lead in leads:
        yield lead
        export.done += 1
        if export.done % PROGRESS_EVERY == 0:
            LeadExport.objects.filter(pk=export.pk).update(done=export.done)


@task(backend="leads", queue_name="leads")
def build_lead_export(export_id):
    """Write one export; its only argument is the export's id. Returns False when there was
    nothing to do (already written, or expired and deleted)."""
    export = LeadExport.objects.filter(pk=export_id, state=LeadExport.State.QUEUED).first()
    if export is None:
        return False
    LeadExport.objects.filter(pk=export.pk).update(state=LeadExport.State.RUNNING)
    # The export shows what its requester sees, as the inbox did when they asked.
    leads = inbox_leads(QueryDict(export.query), user=export.requested_by)
    leads = export_queryset(leads).iterator(chunk_size=2000)
    output = io.BytesIO()
    try:
        LeadSpreadsheet().write_xlsx(with_progress(export, leads), output)
    except Exception as error:
        LeadExport.objects.filter(pk=export.pk).update(state=LeadExport.State.FAILED, query="")
        logger.warning("Lead export %s failed: %s", export.pk, type(error).__name__)
        raise ExportFailed(type(error).__name__) from None
    LeadExport.objects.filter(pk=export.pk).update(
        state=LeadExport.State.READY, content=output.getvalue(), done=export.done, query=""
    )
    logger.info("Lead export %s written: %s rows", export.pk, export.done)
    return True


@task(backend="leads", queue_name="leads")
def summarise_lead_days():
    """Summarise the days the lead report may read that have no fresh summary; returns how many
    were kept (a day changed meanwhile waits for the next round)."""
    kept = summarise(days_to_summarise())
    logger.info("Lead report: %s days summarised", kept)
    return kept


def summaries_sweep(limit, **kwargs):
    """The lead sweeper's round: queue the summary when a day needs one (yesterday after midnight,
    a day whose leads changed); returns how many tasks were queued."""
    summaries = DBTaskResult.objects.filter(task_path=summarise_lead_days.module_path)
    # One at a time; one "running" for an hour had its worker killed, and the next round takes over.
    waiting = summaries.ready() | summaries.running().filter(started_at__gte=timezone.now() - STUCK_AFTER)
    if waiting.exists():
        return 0
    # Days without a lead need no worker: the report reads them live for nothing.
    days = days_to_summarise()
    if not days or not Lead.objects.filter(created_on(days)).exists():
        return 0
    summaries.finished().delete()  # a finished summary's row holds only a count of days
    summarise_lead_days.enqueue()
    return 1
