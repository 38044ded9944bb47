"""Columns of the lead inbox that need more than a field's value."""

from wagtail.admin.ui.tables import Column

from leads.audit import staff_name
from leads.workflow import is_follow_up_overdue


class StatusColumn(Column):
    """The status as one of the admin's status tags."""

    cell_template_name = "frontdesk/status_cell.html"


class FollowUpColumn(Column):
    """The next follow-up date, flagged when overdue."""

    cell_template_name = "frontdesk/follow_up_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = is_follow_up_overdue(instance, parent_context.get("today"))
        return context


def assignee_name(lead):
    """The staff member working the lead, by name (the inbox column and the export's)."""
    return staff_name(lead.assignee)


assignee_name.short_description = "Assigned to"
