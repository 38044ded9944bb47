"""Summarise the lead report's days now, as the worker does after the sweeper queues it: after a
deploy that adds the summary, after leads were changed in bulk (queryset updates send no signal),
or with --again to count every day afresh."""

import time

from django.core.management.base import BaseCommand

from ...models import LeadDay
from ...summaries import days_to_summarise, summarise


class Command(BaseCommand):
    """Summarise the days the lead report may read that have no fresh summary (all with --again)."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--again", action="store_true", help="Count every day afresh, fresh or not.")

    def handle(self, *args, again, verbosity, **options):
        if again:
            LeadDay.objects.update(stale=True)
        started = time.perf_counter()
        kept = summarise(days_to_summarise())
        if verbosity:
            self.stdout.write(f"{kept} days summarised in {time.perf_counter() - started:.1f} s")
