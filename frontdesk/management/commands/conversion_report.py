"""Print the conversion report of the last N days as CSV, the same table the admin report downloads;
for a cron job that emails it (e.g. `conversion_report --days 7 | mail -s "Conversion" owner@...`)."""

from django.core.management.base import BaseCommand, CommandError

from analytics.conversion import CHOICES, ORDERINGS, Period, PeriodError

from ...conversion import conversion_csv


class Command(BaseCommand):
    """Write the conversion table of the last N days, today included, to standard output as CSV."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="How many days back, today included (30).")
        parser.add_argument(
            "--by", choices=[name for name, _ in CHOICES], default="page", help="Group by (page)."
        )
        parser.add_argument(
            "--ordering",
            choices=ORDERINGS,
            default="-requests",
            help="Sort by this column, '-' first for largest first (-requests).",
        )

    def handle(self, *args, days, by, ordering, **options):
        try:
            period = Period.last(days)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        for line in conversion_csv(period, by=by, ordering=ordering):
            self.stdout.write(line.decode(), ending="")
