"""The inbox's spreadsheet export: the filtered leads, streamed as CSV or, when large, written as
XLSX in the background."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.functional import cached_property

from . import access_records, background_exports
from .spreadsheets import LeadColumns, export_queryset


class LeadExportMixin(LeadColumns):
    """Export for the inbox view: only with the export permission, audited by filters and count.

    CSV rows stream from a server-side cursor instead of loading 100,000 leads at once; a large
    XLSX file is written in the background (frontdesk.background_exports).
    """

    @cached_property
    def can_export(self):
        return self.request.user.has_perm("leads.export_lead")

    @cached_property
    def show_export_buttons(self):
        return self.can_export

    def export(self, request):
        # An export skips the listing's context (table, pagination, counts), which would load
        # every matching lead once more before the rows are written.
        if not self.can_export:
            raise PermissionDenied
        export_format = request.GET["export"]
        queryset = self.get_export_queryset()
        count = queryset.count()
        filters = access_records.describe_filters(
            self.filters.form if self.filters else None, self.search_query
        )
        if background_exports.is_large(export_format, count):
            export = background_exports.start(
                by=request.user, export_format=export_format, params=request.GET, filters=filters, total=count
            )
            return redirect("lead_admin:export", export.pk)
        access_records.record_list_exported(
            by=request.user, export_format=export_format, count=count, filters=filters
        )
        return self.as_spreadsheet(queryset, export_format)

    def get_export_queryset(self):
        return export_queryset(self.get_queryset())

    def stream_csv(self, queryset):
        return super().stream_csv(queryset.iterator(chunk_size=2000))

    def write_xlsx(self, queryset, output):
        return super().write_xlsx(queryset.iterator(chunk_size=2000), output)
