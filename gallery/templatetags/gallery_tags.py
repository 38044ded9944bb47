"""The before-and-after gallery a treatment page includes."""

from django import template

from gallery.models import RESULTS_VARY_NOTICE, GalleryItem

register = template.Library()


@register.inclusion_tag("gallery/includes/treatment_gallery.html", takes_context=True)
def treatment_gallery(context, treatment, heading="Before and after"):
    """Items for `treatment` whose consent is valid today; nothing at all when there are none."""
    return {
        "request": context.get("request"),
        "items": GalleryItem.objects.shown().for_display().filter(treatment=treatment),
        "heading": heading,
        "results_vary_notice": RESULTS_VARY_NOTICE,
    }
