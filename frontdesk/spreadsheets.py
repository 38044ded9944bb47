"""The inbox export's columns and cells: what each lead becomes in a spreadsheet, with no patient's
text ever run as a formula. Used by the inbox view (frontdesk.exports) and the task (frontdesk.tasks);
the conversion report's export writes its cells the same way (`SafeCells`)."""

from django.db.models import CharField
from django.db.models.functions import Cast
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.coreutils import multigetattr

from leads.models import Lead

from .columns import assignee_name

# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP "CSV
# injection"), and so is one where they follow leading spaces or line breaks, which some programs
# skip; the full-width forms count too, since some programs read them as the ASCII characters.
FORMULA_CHARACTERS = "=+-@\uff1d\uff0b\uff0d\uff20"
# Excel strips a leading tab or carriage return before deciding, whatever follows.
STRIPPED_START = ("\t", "\r")

# The export's columns, in order (the viewset's `list_export`).
EXPORT_FIELDS = [
    "id",
    "created_at",
    "first_name",
    "last_name",
    "email",
    "phone",
    "treatment_title",
    "get_channel_display",
    "source",
    "get_language_display",
    "utm_campaign",
    "get_status_display",
    "assignee_name",
    "follow_up_on",
    "first_contacted_at",
    "marketing_consent",
    "message",
]

# Lead fields the export reads.
EXPORT_COLUMNS = [
    "id",
    "created_at",
    "first_name",
    "last_name",
    "email",
    "treatment_title",
    "channel",
    "source",
    "language",
    "utm_campaign",
    "status",
    "assignee",
    "follow_up_on",
    "first_contacted_at",
    "marketing_consent",
    "message",
]


def neutralise_formula(value):
    """Prefix a quote to text a spreadsheet would run as a formula, so it is shown as typed."""
    if not isinstance(value, str):
        return value
    first = value.lstrip()[:1]
    if value.startswith(STRIPPED_START) or (first and first in FORMULA_CHARACTERS):
        return "'" + value
    return value


def xlsx_text(value):
    """Drop the control characters an XLSX file cannot hold (openpyxl refuses them outright)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def export_queryset(leads):
    """The leads with only the exported columns loaded, and the phone as plain text: parsing
    100,000 phone numbers back into PhoneNumber objects would cost more than writing the file."""
    return (
        leads.select_related("assignee")
        .only(*EXPORT_COLUMNS, "assignee__first_name", "assignee__last_name", "assignee__username")
        .defer("phone")
        .annotate(phone_text=Cast("phone", CharField()))
    )


class SafeCells:
    """Cells for a SpreadsheetExportMixin that a spreadsheet shows as typed: never run as a formula,
    never refused for a control character. Every export of the front desk writes through it."""

    def preprocess_field_value(self, field, value, export_format):
        # Text and numbers need none of the generic conversions: skipping them halves export time.
        if not isinstance(value, str | int | None):
            value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        # XLSX keeps the text as typed: generate_xlsx_row stores it as a string cell, never a formula.
        return xlsx_text(value)


class LeadColumns(SafeCells):
    """The export's columns and cells, for a SpreadsheetExportMixin: the inbox view's, or the
    background task's (frontdesk.tasks)."""

    list_export = EXPORT_FIELDS
    export_headings = {
        "get_status_display": "Status",
        "get_channel_display": "Channel",
        "source": "Source",
        "get_language_display": "Language",
        "assignee_name": "Assigned to",
        "treatment_title": "Treatment",
        "marketing_consent": "Agreed to marketing",
    }
    # Columns computed in Python rather than read from the lead.
    computed_export_fields = {
        "assignee_name": assignee_name,
        "phone": lambda lead: lead.phone_text,
        "marketing_consent": lambda lead: "yes" if lead.marketing_consent else "no",
    }

    def to_row_dict(self, item):
        return {
            field: self.computed_export_fields[field](item)
            if field in self.computed_export_fields
            else multigetattr(item, field)
            for field in self.list_export
        }

    def get_heading(self, queryset, field):
        if field in self.export_headings:
            return self.export_headings[field]
        return super().get_heading(Lead.objects.none(), field)
