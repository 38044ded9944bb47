"""django-tasks-db's `db_worker`, made to outlive a database restart.

Upstream's worker (0.13) raises out of its loop on any database error other than a locked SQLite
file, so a PostgreSQL restart or failover stops it and notifications wait for a person to start
it again. This command keeps its name and options (practice comes before django_tasks_db in
INSTALLED_APPS, so Django finds this one first) and only adds the retry. Site-wide, because every
queue uses it: lead notifications and the front desk's background exports alike.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, close_old_connections
from django_tasks_db.management.commands import db_worker as upstream

logger = logging.getLogger(__name__)


class ResilientWorker(upstream.Worker):
    """The upstream worker loop, started again after the database drops out under it."""

    def run(self):
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                if not self.running:  # told to stop: a lost connection is no reason to stay
                    raise
                logger.warning("Database unavailable (%s); trying again", type(error).__name__)
                close_old_connections()
                time.sleep(max(self.interval, 1))


class Command(upstream.Command):
    """`manage.py db_worker`: upstream's command with a worker that survives database restarts."""

    def handle(self, *, reload, **options):
        if reload:
            # Development only (the autoreloader): upstream's worker is fine there.
            return super().handle(reload=reload, **options)
        self.configure_logging(options["verbosity"])
        worker = ResilientWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=options["exclude_queues"].split(",") if options["exclude_queues"] else [],
        )
        worker.configure_signals()
        worker.run()
