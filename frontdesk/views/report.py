"""The lead report: leads per week by source, channel and treatment, the pipeline, first response."""

from ..reports import build_report
from .base import LeadAdminView


class LeadReportView(LeadAdminView):
    """Leads per week by source, channel and treatment, the pipeline and the first-response time."""

    template_name = "frontdesk/report.html"
    page_title = "Lead report"
    header_icon = "table"
    periods = (4, 12, 26, 52)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            weeks = int(self.request.GET.get("weeks", 12))
        except ValueError:
            weeks = 12
        weeks = weeks if weeks in self.periods else 12
        report = build_report(weeks=weeks, user=self.request.user)
        context.update(
            report=report,
            weeks=weeks,
            periods=self.periods,
            source_chart=report.chart(report.by_source),
            channel_chart=report.chart(report.by_channel),
            treatment_chart=report.chart(report.by_treatment),
        )
        return context
