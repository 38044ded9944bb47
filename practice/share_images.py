"""The rendition a page is shared with: its Open Graph image and its structured data's image."""

from wagtail.images.shortcuts import get_renditions_or_not_found

# One rendition for both, so a crawler fetches one image, not two.
SHARE_SPEC = "fill-1200x630|format-jpeg"


def share_rendition(image):
    """The image's share rendition, found once per image object.

    Wagtail's get_rendition (and so `{% image %}`) writes the rendition to the renditions cache on
    every call, even one answered from prefetched renditions; a treatment page asked for it twice
    per render (meta tags, then JSON-LD), so two writes, network round trips with Redis. This asks
    get_renditions, which writes back only what it did not find prefetched, and keeps the answer
    on the image (the routed page's images live until the next purge, which any image change causes).
    """
    rendition = getattr(image, "_share_rendition", None)
    if rendition is None:
        rendition = image._share_rendition = get_renditions_or_not_found(image, (SHARE_SPEC,))[SHARE_SPEC]
    return rendition
