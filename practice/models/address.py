"""A postal address, as the practice's details and each clinic hold it."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class PostalAddressFields(models.Model):
    """Street, town, region, postcode and country, shown as lines and given to structured data."""

    street_address = models.CharField(max_length=200, blank=True)
    locality = models.CharField("town or city", max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True, default="GB", help_text="Two-letter ISO code.")

    address_panel = MultiFieldPanel(
        [
            FieldPanel("street_address"),
            FieldPanel("locality"),
            FieldPanel("region"),
            FieldPanel("postal_code"),
            FieldPanel("country"),
        ],
        heading="Address",
    )

    class Meta:
        abstract = True

    @property
    def address_lines(self):
        parts = [self.street_address, self.locality, self.region, self.postal_code]
        return [part for part in parts if part]
