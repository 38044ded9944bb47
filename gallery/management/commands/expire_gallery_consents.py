"""Daily: unpublish gallery items whose consent expired or was revoked, and say which."""

from django.core.management.base import BaseCommand

from gallery.services import expire_gallery_consents


class Command(BaseCommand):
    help = "Unpublish gallery items whose consent has expired or been revoked (run daily)."

    def handle(self, *args, **options):
        items = expire_gallery_consents()
        for item in items:
            consent = item.consent
            if consent.revoked:
                reason = f"revoked {consent.revoked_on:%d %b %Y}"
            elif not consent.scope_website:
                reason = "no longer covers the website"
            else:
                reason = f"expired {consent.expires_on:%d %b %Y}"
            self.stdout.write(
                f"Unpublished '{item}' (#{item.pk}): consent {consent.patient_reference} {reason}"
            )
        self.stdout.write(f"{len(items)} gallery item(s) unpublished.")
