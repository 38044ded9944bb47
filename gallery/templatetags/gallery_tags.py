"""The before-and-after gallery a treatment page includes."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gallery.models import RESULTS_VARY_NOTICE, GalleryItem
from practice.cache import GALLERY, LINKS
from practice.memo import memoised_fragment
from practice.translated_snippets import in_reading_language
from treatments.listing import prefetch_renditions

register = template.Library()
# Lazy: the heading is written in the language of the page it is on.
GALLERY_HEADING = _("Before and after")


@register.simple_tag(takes_context=True)
def treatment_gallery(context, treatment, heading=GALLERY_HEADING):
    """Items for `treatment` whose consent is valid today; nothing at all when there are none.

    Rendered once per process until a purge of the gallery (saving an item or a consent record) or
    of links (the treatment renamed or unpublished), and again each day, as consent lapses with no
    save to announce it.
    """
    request = context.get("request")
    today = timezone.localdate()
    return memoised_fragment(
        request,
        f"treatment-gallery:{treatment.pk}:{heading}",
        lambda: render_to_string(
            "gallery/includes/treatment_gallery.html", gallery_context(request, treatment, heading, today)
        ),
        # Each item names its treatment, and shows only while it is live.
        shows=(GALLERY, LINKS),
    )


def gallery_context(request, treatment, heading, today):
    """The items of `treatment` or of the page it is a translation of (an item names the source
    page), in the reader's language, each naming the page shown."""
    # A treatment previewed before its first save has no items yet (and cannot be filtered on).
    items = (
        in_reading_language(
            GalleryItem.objects.shown(today)
            .for_display()
            .filter(treatment__translation_key=treatment.translation_key)
        )
        if treatment.pk
        else []
    )
    for item in items:
        item.treatment = treatment
    # One query for the renditions of every photo, however many items there are, and of the images
    # the page's parts below the gallery show (practitioners, related pages), rendered just after.
    prefetch_renditions(
        [
            *(image for item in items for image in (item.before_image, item.after_image)),
            *treatment.relation_images,
        ]
    )
    return {
        "request": request,
        "items": items,
        "heading": heading,
        "results_vary_notice": RESULTS_VARY_NOTICE,
    }
