"""Large inbox exports, written by the task queue instead of inside the request.

An XLSX file must be built whole before it is sent: 90,000 leads took ~35 s in the request, with
no feedback, and a second click did the work twice. Above BACKGROUND_ROWS the inbox queues the
export instead (frontdesk.tasks writes it) and shows its progress; only the person who asked may
download it, until it expires, and the download is what the audit trail records. CSV always
streams in the request.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import access_records
from .models import LeadExport
from .tasks import build_lead_export

# XLSX exports of more leads than this are written in the background.
BACKGROUND_ROWS = 5000
# How long the finished file can be downloaded, from the moment it was asked for.
EXPORT_KEPT = timedelta(hours=1)


def is_large(export_format, count):
    return export_format == "xlsx" and count > BACKGROUND_ROWS


def start(*, by, export_format, params, filters, total):
    """Queue an export of the inbox that `params` (its query string) shows; returns the LeadExport.

    A second click on the same list while its file is being written (a double click, or Back and
    click again) gets that export, not a second one doing the same work. Expired exports are
    deleted here, so finished files never pile up.
    """
    LeadExport.objects.filter(expires_at__lte=timezone.now()).delete()
    query = params.copy()
    query.pop("export", None)
    query_string = query.urlencode()[:2000]
    # Two requests in the very same instant may still both queue one: the cost is the work, never
    # a wrong file.
    under_way = (
        LeadExport.objects.filter(requested_by=by, export_format=export_format, query=query_string)
        .filter(state__in=[LeadExport.State.QUEUED, LeadExport.State.RUNNING])
        .defer("content")
        .first()
    )
    if under_way:
        return under_way
    with transaction.atomic():  # the export and its task are saved together or not at all
        export = LeadExport.objects.create(
            requested_by=by,
            export_format=export_format,
            query=query_string,
            filters=filters[:500],
            total=total,
            expires_at=timezone.now() + EXPORT_KEPT,
        )
        build_lead_export.enqueue(export.pk)
    return export


def export_of(user, pk):
    """The export `pk` if `user` asked for it, else None: nobody else may see it exists."""
    return LeadExport.objects.filter(pk=pk, requested_by=user).defer("content").first()


def hand_over(export, *, by):
    """The file's bytes for its requester, recorded in the audit trail as the export it is."""
    access_records.record_list_exported(
        by=by, export_format=export.export_format, count=export.done, filters=export.filters
    )
    return LeadExport.objects.values_list("content", flat=True).get(pk=export.pk)
