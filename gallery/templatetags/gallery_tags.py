"""The before-and-after gallery a treatment page includes."""

from django import template
from django.db.models import prefetch_related_objects

from gallery.models import RESULTS_VARY_NOTICE, GalleryItem

register = template.Library()


@register.inclusion_tag("gallery/includes/treatment_gallery.html", takes_context=True)
def treatment_gallery(context, treatment, heading="Before and after"):
    """Items for `treatment` whose consent is valid today; nothing at all when there are none."""
    # A treatment previewed before its first save has no items yet (and cannot be filtered on).
    items = (
        list(GalleryItem.objects.shown().for_display().filter(treatment=treatment)) if treatment.pk else []
    )
    # One query for the renditions of every photo, however many items there are.
    prefetch_related_objects(
        [image for item in items for image in (item.before_image, item.after_image)], "renditions"
    )
    return {
        "request": context.get("request"),
        "items": items,
        "heading": heading,
        "results_vary_notice": RESULTS_VARY_NOTICE,
    }
