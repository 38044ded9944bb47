"""Wagtail's `{% image %}`, `{% srcset_image %}` and `{% picture %}`, with each filter built once.

Wagtail's tags make new `Filter` objects on every render, and each one's `operations` reads the
image-operation hooks again and builds its operations (checking their arguments with `inspect`):
7% of a treatment page's first render after a publish. A filter depends only on its spec and on
the hooks, registered once at start-up, so one `Filter` per spec serves every render. Everything
else is Wagtail's: the same parsing, renditions found or created the same way, the same HTML.
"""

import functools

from django import template
from wagtail.images.models import Filter
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
    pass


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
