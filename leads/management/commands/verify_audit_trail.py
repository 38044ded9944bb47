"""Check the lead data access trail's hash chain: exits with an error if an entry was changed or deleted."""

from django.core.management.base import BaseCommand, CommandError

from leads.audit_chain import seal, verify


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-seal", action="store_true", help="Check only; leave entries not yet chained as they are."
        )

    def handle(self, *args, no_seal=False, **options):
        if not no_seal:
            while seal():
                pass
        verdict = verify()
        if not verdict.intact:
            raise CommandError(
                f"The lead data access trail was tampered with: {verdict.reason} "
                f"(the {verdict.checked} entries before it are intact)."
            )
        head = verdict.head
        where = f"; head: entry {head.sequence}, digest {head.digest}" if head else ""
        self.stdout.write(
            f"The lead data access trail is intact: {verdict.checked} entries{where}"
            + (f"; {verdict.unsealed} not yet chained." if verdict.unsealed else ".")
        )
