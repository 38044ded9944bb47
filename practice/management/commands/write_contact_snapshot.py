"""Write the practice's contact details to PRACTICE_CONTACT_SNAPSHOT for the error pages; run at deploy."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from practice import contact
from practice.models import PracticeSettings


class Command(BaseCommand):
    """Error pages show this phone number and these hours when the database cannot be read."""

    help = __doc__

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site, so no practice details to write.")
        details = PracticeSettings.for_site(site)
        path = contact.write_snapshot(details)
        phone = details.phone or "no phone number"
        self.stdout.write(f"Wrote {details.name} ({phone}) to {path}.")
