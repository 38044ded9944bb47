"""The conversion report: for each page, treatment, source, campaign or device over a period, its
views, the consultation requests it brought and how far they went, with a bar beside each number."""

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from analytics.conversion import DIMENSIONS, FIGURES, ORDERINGS, conversion, requests_by_week, totals
from leads.models import Lead

from ..charts import stacked_bars
from ..conversion import ConversionColumns
from ..forms import ConversionForm
from ..reports import WeeklySeries


class FigureColumn(Column):
    """A figure with a bar scaled to the column's largest, drawn as inline SVG beside the number."""

    cell_template_name = "frontdesk/conversion_cell.html"

    def __init__(self, name, *, peak, **kwargs):
        super().__init__(name, sort_key=name, classname="conversion-figure", **kwargs)
        self.peak = peak or 1

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["width"] = round(100 * (getattr(instance, self.name) or 0) / self.peak)
        return context


class ConversionReportView(ConversionColumns, ReportView):
    """Views, requests, conversion rate and the pipeline by page, treatment, source, campaign or device."""

    page_title = "Conversion"
    header_icon = "crosshairs"
    index_url_name = "conversion_report:report"
    index_results_url_name = "conversion_report:report_results"
    results_template_name = "frontdesk/conversion_results.html"
    # Front desk and admins, like the lead report; editors never see it.
    permission_policy = ModelPermissionPolicy(Lead)
    any_permission_required = ["view", "change"]
    default_ordering = "-requests"
    paginate_by = 100
    export_filename = "conversion"

    @cached_property
    def form(self):
        return ConversionForm(self.request.GET)

    @cached_property
    def by(self):
        return self.form.cleaned_data["by"] if self.form.is_valid() else "page"

    def get_valid_orderings(self):
        return ORDERINGS

    def get_queryset(self):
        if not self.form.is_valid():
            return []
        return conversion(self.form.cleaned_data["period"], by=self.by, ordering=self.ordering)

    def get_table(self, object_list):
        rows = list(object_list)
        self.columns = [
            Column("name", label=DIMENSIONS[self.by].label, sort_key="name"),
            *(
                FigureColumn(
                    figure,
                    label=FIGURES[figure],
                    peak=max((getattr(row, figure) or 0 for row in rows), default=0),
                )
                for figure in DIMENSIONS[self.by].figures()
            ),
        ]
        return super().get_table(object_list)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, by=self.by, dimensions=DIMENSIONS)
        if self.form.is_valid():
            period = self.form.cleaned_data["period"]
            weeks = requests_by_week(period)
            context.update(
                period=period,
                total=totals(self.object_list),
                views_chart=weekly_chart(weeks, "Views", 1),
                requests_chart=weekly_chart(weeks, "Requests", 2),
            )
        return context


def weekly_chart(weeks, name, index):
    """One figure of `requests_by_week` as the lead report's weekly bars."""
    series = WeeklySeries(
        weeks=[week[0] for week in weeks],
        names=[name],
        counts={(week[0], name): week[index] for week in weeks},
    )
    return stacked_bars(series, width=640, height=160)
