"""Page views, kept only as daily aggregates: nothing here names, follows or fingerprints a visitor."""

from django.db import models

from leads.attribution import Channel
from practice.visitors import Device

# Paths are cut to this length so a scanner's endless URLs cannot fill the table.
PATH_LENGTH = 255


class PageViewCount(models.Model):
    """How many views one path had on one day, from one kind of arrival and one class of device.

    A view that followed a link from this site is `internal` (its arrival was counted on the page
    the visitor entered by); every other view is an entry, classified by leads.attribution like a
    lead's first touch, so both reports use the same source names.
    """

    INTERNAL = "internal"

    day = models.DateField()
    path = models.CharField(max_length=PATH_LENGTH)
    not_found = models.BooleanField(default=False, help_text="The path answered 404.")
    channel = models.CharField(
        max_length=10, choices=[*Channel.choices, (INTERNAL, "Within the site")], default=Channel.DIRECT
    )
    source = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=200, blank=True)
    device = models.CharField(max_length=10, choices=Device.choices)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "path", "not_found", "channel", "source", "campaign", "device"],
                name="analytics_one_count_per_group",
            )
        ]
        indexes = [models.Index(fields=["path", "day"])]

    def __str__(self):
        return f"{self.day} {self.path}: {self.views}"
