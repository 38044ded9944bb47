"""The clinics that offer a treatment, with their prices, on the treatment's page."""

from django import template
from django.template.loader import render_to_string

from practice.cache import CLINICS, LINKS
from practice.memo import memoised_fragment

from ..models import ClinicIndexPage, ClinicPrice

register = template.Library()


@register.simple_tag(takes_context=True)
def clinics_offering(context, treatment):
    """The live clinics offering `treatment` and their prices; nothing, and no query, on a site
    with no clinics index (a practice with one clinic, whose details are the practice's own).

    Rendered once per process until a purge of clinics (a clinic or a price saved) or of links (the
    treatment renamed, a clinic moved).
    """
    request = context.get("request")
    clinics_index = ClinicIndexPage.for_request(request)
    if clinics_index is None or not treatment.pk:
        return ""
    return memoised_fragment(
        request,
        f"clinics-offering:{treatment.pk}",
        lambda: render_to_string(
            "clinics/includes/clinics_offering.html",
            {"treatment": treatment, "prices": _prices(treatment, clinics_index)},
        ),
        # Clinics' titles, URLs and prices, and the treatment's title in the heading.
        shows=(CLINICS, LINKS),
    )


def _prices(treatment, clinics_index):
    return list(
        ClinicPrice.objects.shown()
        .filter(treatment=treatment, clinic__path__startswith=clinics_index.path)
        .order_by("clinic__title", "sort_order")
    )
