"""What the front desk records in the access trail (leads.audit): staff viewing a lead, listing or
searching leads, confirming a bulk action, exporting the list.

Listings and exports are described by their filters and count only, never the words searched for.
"""

from django.db.models import Model

from leads.audit import record
from leads.models import LeadAccess

# Filters whose value is typed by staff and may be a patient's name, email or phone.
FREE_TEXT_FILTERS = {"q"}


def record_lead_viewed(*, lead, by):
    return record(kind=LeadAccess.Kind.VIEWED, by=by, leads=[lead])


def record_listed(*, by, leads, count, filters):
    """Staff were shown `leads` (names on screen) out of `count` matching `filters` (in words)."""
    return record(kind=LeadAccess.Kind.LISTED, by=by, leads=leads, count=count, summary=filters)


def record_bulk_action(*, by, action, leads):
    """Staff confirmed a bulk action on `leads` (whether or not each one's status allowed it)."""
    count = len(leads)
    return record(
        kind=LeadAccess.Kind.BULK_ACTION,
        by=by,
        leads=leads,
        summary=f"{action}: {count} lead{'s' if count != 1 else ''}",
    )


def describe_filters(filter_form, search_query=""):
    """'Status: New, Contacted; Treatment: Laser' from a bound filter form; a search says only that there was one."""
    parts = []
    data = getattr(filter_form, "cleaned_data", None) or {}
    for name, value in data.items():
        if name in FREE_TEXT_FILTERS or value in (None, "", [], ()):
            continue
        label = filter_form.fields[name].label or name
        parts.append(f"{label}: {describe_value(filter_form.fields[name], value)}")
    if search_query:
        parts.append("Search: yes (the words searched for are not kept)")
    return "; ".join(parts) or "No filters"


def describe_value(field, value):
    if isinstance(value, slice):  # a date range
        start, stop = (f"{day:%d %b %Y}" if day else "…" for day in (value.start, value.stop))
        return f"{start} to {stop}"
    if isinstance(value, Model):
        return field.label_from_instance(value)
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(item, item)) for item in value)
    return str(choices.get(value, value))


def record_list_exported(*, by, export_format, count, filters):
    return record(
        kind=LeadAccess.Kind.LIST_EXPORTED,
        by=by,
        count=count,
        summary=f"{export_format.upper()}; {filters}",
    )
