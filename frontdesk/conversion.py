"""The conversion report's columns and cells, shared by the admin report's download and the
`conversion_report` command, so a cron email holds exactly what the report shows."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from analytics.conversion import DIMENSIONS, FIGURES, conversion

from .spreadsheets import SafeCells


class ConversionColumns(SafeCells):
    """The name of each group, then its figures, headed as the report heads them."""

    by = "page"

    @property
    def list_export(self):
        return ["name", *DIMENSIONS[self.by].figures()]

    def get_heading(self, queryset, field):
        return DIMENSIONS[self.by].label if field == "name" else FIGURES[field]


class ConversionSpreadsheet(ConversionColumns, SpreadsheetExportMixin):
    """The conversion table as a spreadsheet, outside a request."""

    def __init__(self, by):
        self.by = by


def conversion_csv(period, by="page", ordering="-requests"):
    """The conversion table for `period` as CSV lines in UTF-8, heading first."""
    return ConversionSpreadsheet(by).stream_csv(conversion(period, by=by, ordering=ordering))
