"""Wagtail's publish_scheduled, taking revisions that break a blocking advertising rule off the schedule.

Wagtail publishes due revisions one after another and stops at the first error, so a page whose
scheduled revision is refused (a rule was added after it was scheduled) would hold back every
page scheduled after it, every run. Such revisions are unscheduled, noted in the page's history
and printed before Wagtail's command runs.
"""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from compliance.services import AdvertisingRulesGateMixin, blocking_findings


class Command(WagtailCommand):
    help = "Publish and unpublish what is scheduled; refuse revisions that break a blocking advertising rule."

    def handle(self, *args, **options):
        if not options["dryrun"]:
            self.unschedule_refused_revisions()
        super().handle(*args, **options)

    def unschedule_refused_revisions(self):
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by("approved_go_live_at")
        for revision in due:
            scheduled = revision.as_object()
            if not isinstance(scheduled, AdvertisingRulesGateMixin):
                continue
            findings = blocking_findings(scheduled)
            if not findings:
                continue
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])
            log(
                instance=scheduled,
                action="compliance.publish_refused",
                revision=revision,
                data={"findings": [str(finding) for finding in findings]},
            )
            self.stdout.write(f"Not published, taken off the schedule: “{scheduled}” (page {scheduled.pk})")
            for finding in findings:
                self.stdout.write(f"  {finding}")
