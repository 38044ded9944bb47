"""Load the demo practice; safe to run again, it changes nothing the second time."""

import os

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import clinics, languages, site, trust
from demo import figures as demo_figures
from demo import treatments as demo_treatments


class Command(BaseCommand):
    help = "Create the demo practice's pages and details, and an admin user if there is none."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the admin user.")
        parser.add_argument(
            "--figures",
            action="store_true",
            help="Also load a month of page views and the consultation requests they brought "
            "(skipped once any views are counted).",
        )

    @transaction.atomic
    def handle(self, *args, no_admin=False, figures=False, **options):
        home = site.load()
        translated = demo_treatments.load(home)
        trust.load(home)
        clinics.load(home)
        # Last: a translation copies what the English page has then, its review stamp included.
        languages.load([home, *translated])
        if figures:
            self.load_figures(home)
        if not no_admin:
            self.ensure_admin()
        # Error pages show the demo practice's phone even before anyone opens a page.
        transaction.on_commit(lambda: call_command("write_contact_snapshot", stdout=self.stdout))

    def load_figures(self, home):
        added = demo_figures.load(home)
        if added:
            self.stdout.write(f"A month of page views and {added} consultation requests loaded.")
        else:
            self.stdout.write("Page views are counted already; no demo figures added.")

    def ensure_admin(self):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin user already exists; its password is unchanged.")
            return
        username = os.environ.get("DEMO_ADMIN_USERNAME", "admin")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "practice-demo-admin")
        User.objects.create_superuser(username, "admin@example.com", password)
        self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / {password}"))
