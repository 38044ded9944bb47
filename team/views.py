"""The admin report of pages whose clinical review is due."""

from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .services import pages_due_for_review


class ReviewStatusColumn(Column):
    """'Overdue', 'Never reviewed' or 'Due soon', so the urgent rows stand out."""

    def get_value(self, instance):
        if instance.last_reviewed is None:
            return "Never reviewed"
        return "Overdue" if instance.is_review_overdue(self.today) else "Due soon"

    @property
    def today(self):
        return timezone.localdate()


class ReviewDateColumn(Column):
    """A calendar date written out: 3 March 2026."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return format_date(value, "j F Y") if value else "—"


class PagesDueForReviewView(ReportView):
    """Pages overdue or due for clinical review within 30 days, with who reviewed them last."""

    page_title = "Pages due for clinical review"
    header_icon = "doc-full-inverse"
    index_url_name = "team:review_report"
    index_results_url_name = "team:review_report_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit"),
        ReviewStatusColumn("status", label="Status"),
        Column("reviewed_by", label="Last reviewed by"),
        ReviewDateColumn("last_reviewed", label="Last reviewed"),
        ReviewDateColumn("next_review_due", label="Next review due"),
    ]
    list_export = ["title", "reviewed_by", "last_reviewed", "next_review_due"]
    export_headings = {"title": "Page", "reviewed_by": "Last reviewed by"}

    no_results_message = "No page is overdue or due for clinical review in the next 30 days."

    def get_queryset(self):
        return pages_due_for_review()
