"""The front desk's counts on the dashboard and beside the Leads menu item: new requests, requests
that need review, today's, and open leads whose follow-up is overdue.

Past days are added up in SQL from the daily summary the worker keeps (frontdesk.summaries,
OpenLeads), so the counts cost the same at a million leads as at a hundred thousand; only today's
requests, and those of a day whose summary is stale or not written yet, are counted from the leads,
in one query over index ranges of `created_at`. Both apply the same filters, so the numbers are
those of counting every lead.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from leads.models import Lead
from leads.workflow import OPEN_STATUSES

from .models import LeadDay, OpenLeads
from .reports import visible_clinics
from .summaries import day_start, not_summarised


@dataclass
class DeskCounts:
    new: int = 0
    needs_review: int = 0
    today: int = 0  # spam left out, like the inbox the count links to
    overdue: int | None = None  # None when not counted

    @property
    def waiting(self):
        """Requests waiting for a first answer: new ones and those that need review."""
        return self.new + self.needs_review


def counted(today):
    """{count: filter} of what is counted, for leads and OpenLeads alike (the same field names)."""
    return {
        "new": Q(status=Lead.Status.NEW),
        "needs_review": Q(status=Lead.Status.NEEDS_REVIEW),
        "overdue": Q(follow_up_on__lt=today, status__in=OPEN_STATUSES),
    }


def desk_counts(user, *, overdue=True):
    """The counts of the leads `user` may see (`LeadQuerySet.visible_to`). Without `overdue` (for
    the menu item, on every admin page) only the waiting requests are added up from the summary:
    a row or two a day, where the overdue follow-ups are a row per date and status."""
    today = timezone.localdate()
    fresh = LeadDay.objects.filter(day__lt=today, stale=False)
    rules = counted(today)
    live = (
        Lead.objects.visible_to(user)
        .filter(not_summarised(set(fresh.values_list("day", flat=True)), today))
        .aggregate(
            today=Count("pk", filter=Q(created_at__gte=day_start(today)) & ~Q(status=Lead.Status.SPAM)),
            **{name: Count("pk", filter=rule) for name, rule in rules.items()},
        )
    )
    if not overdue:
        del rules["overdue"]
    # Only the rows a count reads (through the indexes on status and follow-up date).
    summarised = OpenLeads.objects.filter(reduce(operator.or_, rules.values()), summary__in=fresh)
    clinics = visible_clinics(user)
    if clinics is not None:
        summarised = summarised.filter(Q(clinic_id__isnull=True) | Q(clinic_id__in=clinics - {None}))
    past = summarised.aggregate(
        **{name: Coalesce(Sum("leads", filter=rule), 0) for name, rule in rules.items()}
    )
    return DeskCounts(today=live["today"], **{name: live[name] + past[name] for name in rules})
