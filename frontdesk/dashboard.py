"""The front desk's counts on the dashboard and beside the Leads menu item: new requests, requests
that need review, today's, and open leads whose follow-up is overdue.

Past days are added up from the daily summary the worker keeps (frontdesk.summaries), so the counts
cost the same at a million leads as at a hundred thousand; only today's requests, and those of a day
whose summary is stale or not written yet, are counted from the leads, in one query over index
ranges of `created_at`. Either way the numbers are those of counting every lead.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from leads.models import Lead
from leads.workflow import OPEN_STATUSES

from .reports import visible_clinics
from .summaries import day_start, summaries_and_the_rest


@dataclass
class DeskCounts:
    new: int = 0
    needs_review: int = 0
    today: int = 0  # spam left out, like the inbox the count links to
    overdue: int = 0

    @property
    def waiting(self):
        """Requests waiting for a first answer: new ones and those that need review."""
        return self.new + self.needs_review


def desk_counts(user):
    """The counts of the leads `user` may see (`LeadQuerySet.visible_to`)."""
    today = timezone.localdate()
    summarised, the_rest = summaries_and_the_rest(today)
    counts = DeskCounts(**live_counts(Lead.objects.visible_to(user).filter(the_rest), today))
    clinics = visible_clinics(user)
    for _, by_clinic in summarised:
        for clinic, tally in by_clinic.items():
            if clinics is not None and (int(clinic) if clinic else None) not in clinics:
                continue
            counts.new += tally["status"].get(Lead.Status.NEW, 0)
            counts.needs_review += tally["status"].get(Lead.Status.NEEDS_REVIEW, 0)
            counts.overdue += sum(n for due, n in tally["follow_up"].items() if due < today.isoformat())
    return counts


def live_counts(leads, today):
    """The counts of `leads`, in one query."""
    return leads.aggregate(
        new=Count("pk", filter=Q(status=Lead.Status.NEW)),
        needs_review=Count("pk", filter=Q(status=Lead.Status.NEEDS_REVIEW)),
        today=Count("pk", filter=Q(created_at__gte=day_start(today)) & ~Q(status=Lead.Status.SPAM)),
        overdue=Count("pk", filter=Q(follow_up_on__lt=today, status__in=OPEN_STATUSES)),
    )
