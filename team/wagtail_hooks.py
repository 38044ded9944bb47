"""Admin wiring for the team app: the clinical review report in the Reports menu."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .views import PagesDueForReviewView


class ReviewReportMenuItem(MenuItem):
    """Shown to whoever may edit or publish pages, like Wagtail's own page reports."""

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_admin_urls")
def register_review_report_urls():
    urls = [
        path("", PagesDueForReviewView.as_view(), name="review_report"),
        path("results/", PagesDueForReviewView.as_view(results_only=True), name="review_report_results"),
    ]
    return [path("reports/clinical-review/", include((urls, "team")))]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        "Clinical review due",
        reverse("team:review_report"),
        name="clinical-review-due",
        icon_name="doc-full-inverse",
        order=1150,
    )
