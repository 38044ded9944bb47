"""Queue again the lead notifications that are overdue, and whatever other apps' emails are due
(appointment confirmations and reminders): the retries django-tasks-db does not do."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from leads.delivery import sweeping
from leads.services import notification_tasks_prune, notifications_requeue

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queue again lead notifications that failed or were never sent (e.g. a worker killed "
        "mid-task), with backoff, the emails other apps connect to the sweep (appointment "
        "confirmations and reminders), and delete finished notification tasks older than a few days. "
        "Run once (cron) or with --every SECONDS beside db_worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="Repeat every this many seconds.")
        parser.add_argument("--limit", type=int, default=100, help="At most this many per round.")

    def handle(self, *, every, limit, verbosity, **options):
        while True:
            try:
                queued = notifications_requeue(limit=limit)
                queued += sum(count for _, count in sweeping.send(sender=self.__class__, limit=limit))
                notification_tasks_prune()
            except DatabaseError as error:
                if not every:
                    raise
                # The database is restarting or unreachable: try again next round, never give up.
                logger.warning("Sweep skipped, database unavailable: %s", type(error).__name__)
                queued = 0
            if verbosity > 1 or (queued and verbosity):
                self.stdout.write(f"Queued {queued} email(s).")
            if not every:
                return
            time.sleep(every)
            # A connection dropped by a database restart is replaced here (CONN_HEALTH_CHECKS), as
            # Django does before every request.
            close_old_connections()
