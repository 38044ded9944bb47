"""Anonymise leads nobody has touched for LEADS_RETENTION_DAYS (spam: LEADS_SPAM_RETENTION_DAYS); safe to run daily."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from leads.privacy import lead_anonymise, leads_past_retention, retention_cutoff


class Command(BaseCommand):
    """Erase the personal data of leads past the retention period and say how many."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased, change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        cutoff = retention_cutoff(now)
        leads = leads_past_retention(now).order_by("id")
        count = leads.count()
        if not dry_run:
            # One transaction per lead: a run stopped half way leaves each lead whole, and the next
            # run carries on from where it stopped.
            for lead in leads.iterator(chunk_size=500):
                lead_anonymise(lead=lead)
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} {count} lead{'s' if count != 1 else ''} untouched since {cutoff:%Y-%m-%d %H:%M %Z} "
            f"(retention period {settings.LEADS_RETENTION_DAYS} days; spam {settings.LEADS_SPAM_RETENTION_DAYS} days)."
        )
