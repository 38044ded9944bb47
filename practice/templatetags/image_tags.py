"""Wagtail's `{% image %}`, `{% srcset_image %}` and `{% picture %}`, with each filter built once.

Wagtail's tags make new `Filter` objects on every render, and each one's `operations` reads the
image-operation hooks again and builds its operations (checking their arguments with `inspect`):
7% of a treatment page's first render after a publish. A filter depends only on its spec and on
the hooks, registered once at start-up, so one `Filter` per spec serves every render. Everything
else is Wagtail's: the same parsing, renditions found or created the same way, the same HTML
(`{% image %}` asks for its rendition as `{% picture %}` does, below).
"""

import functools

from django import template
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


@functools.cache
def filter_for(spec):
    """The one `Filter` for `spec` (an image's operations are worked out from it once, then kept)."""
    return Filter(spec=spec)


class KeptFilters:
    def get_filter(self):
        return filter_for("|".join(self.filter_specs))

    def get_filters(self):
        return [filter_for(spec) for spec in Filter.expand_spec(self.filter_specs)]


class ImageNode(KeptFilters, wagtailimages_tags.ImageNode):
    def render(self, context):
        """Wagtail's, but through `get_renditions`: `get_rendition` writes the rendition to the
        renditions cache on every call, even one answered from prefetched renditions (a round trip
        to Redis per card in production); this writes only what it did not find loaded."""
        image = self.validate_image(context)
        if not image:
            return ""
        # Keyed by the spec as Wagtail cleans it (an SVG's), so taken by position.
        (rendition,) = get_renditions_or_not_found(image, (self.get_filter(),)).values()
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag({name: value.resolve(context) for name, value in self.attrs.items()})


class SrcsetImageNode(KeptFilters, wagtailimages_tags.SrcsetImageNode):
    pass


class PictureNode(KeptFilters, wagtailimages_tags.PictureNode):
    pass


NODES = {
    wagtailimages_tags.ImageNode: ImageNode,
    wagtailimages_tags.SrcsetImageNode: SrcsetImageNode,
    wagtailimages_tags.PictureNode: PictureNode,
}


@register.tag("image")
@register.tag("srcset_image")
@register.tag("picture")
def image(parser, token):
    """Parsed by Wagtail (same syntax, same errors), rendered by the node above that keeps its filters."""
    node = wagtailimages_tags.image(parser, token)
    return NODES[type(node)](
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
