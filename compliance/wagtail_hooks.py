"""Tell editors what the advertising rules found after saving, and stop publishing on a blocking one."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AdvertisingRule
from .notices import report_findings
from .services import check_content


class AdvertisingRuleViewSet(ModelViewSet):
    """The rules, editable under Settings by whoever holds the rule permissions."""

    model = AdvertisingRule
    name = "advertising_rules"
    icon = "warning"
    add_to_settings_menu = True
    menu_label = "Advertising rules"
    list_display = ["name", "severity", "enabled"]
    list_filter = ["severity", "enabled"]


@hooks.register("register_admin_viewset")
def register_rule_viewset():
    return AdvertisingRuleViewSet()


@hooks.register("register_log_actions")
def register_refused_publish(actions):
    actions.register_action(
        "compliance.publish_refused",
        "Publishing refused by the advertising rules",
        "Scheduled publishing refused by the advertising rules",
    )


@hooks.register("before_publish_page")
def stop_publishing_on_blocking_rule(request, page):
    """The backstop behind the editor's form (compliance.forms), which cannot see inline children's
    new words before they are saved: those are saved as a draft here, and the publish stopped."""
    findings = check_content(page)
    if not any(finding.blocks for finding in findings):
        return None
    if request.resolver_match.view_name == "wagtailadmin_pages:add":
        # The create view adds a new page to the tree already marked live before this hook runs.
        type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    messages.error(request, "The page was saved as a draft but not published: change the wording below.")
    report_findings(request, findings)
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_rules(request, page):
    # Autosave posts expect JSON; messages would pile up unseen until the next full page load.
    if request.accepts("text/html"):
        report_findings(request, check_content(page))
