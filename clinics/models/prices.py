"""What a clinic offers and at what price, and price lists grouped by treatment."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

# The practices this site serves are in the UK (the advertising rules are the CAP Code's too).
CURRENCY_SYMBOL = "£"


class ClinicPriceQuerySet(models.QuerySet):
    def shown(self):
        """Prices of live clinics for live treatments, with both joined, in price-list order."""
        return (
            self.filter(clinic__live=True, treatment__live=True)
            .select_related("clinic", "treatment")
            .order_by("treatment__title", "clinic__title", "sort_order")
        )


class ClinicPrice(Orderable):
    """A treatment a clinic offers, with its price or "from" price, or none (price at consultation)."""

    clinic = ParentalKey("clinics.ClinicPage", on_delete=models.CASCADE, related_name="prices")
    treatment = models.ForeignKey(
        "treatments.TreatmentPage", on_delete=models.CASCADE, related_name="clinic_prices"
    )
    price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave empty to say 'price at consultation'.",
    )
    is_from_price = models.BooleanField('a "from" price', default=False)
    note = models.CharField(max_length=80, blank=True, help_text='What the price is for, e.g. "per session".')

    objects = ClinicPriceQuerySet.as_manager()

    panels = [
        FieldPanel("treatment"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("is_from_price"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "treatment and price"
        verbose_name_plural = "treatments and prices"

    def __str__(self):
        return f"{self.treatment.title}: {self.price_text}"

    @property
    def price_text(self):
        """The price as patients read it: "£300", "From £1,250.50", "Price at consultation"."""
        if self.price is None:
            return "Price at consultation"
        amount = (
            f"{self.price:,.0f}" if self.price == self.price.to_integral_value() else f"{self.price:,.2f}"
        )
        text = f"{CURRENCY_SYMBOL}{amount}"
        text = f"From {text}" if self.is_from_price else text
        return f"{text} {self.note}" if self.note else text

    def advertising_text(self):
        """The words this row shows the public, the treatment's name beside its price: what the
        advertising rules read (compliance.services.advertised_texts)."""
        return f"{self.treatment.title}: {self.price_text}"


def by_treatment(prices):
    """[(treatment, [price, ...]), ...] in the order the prices come, one entry per treatment."""
    groups = {}
    for price in prices:
        groups.setdefault(price.treatment_id, (price.treatment, []))[1].append(price)
    return list(groups.values())
