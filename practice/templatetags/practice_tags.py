"""Template tags for the site frame: navigation built from the page tree."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Top-level pages marked 'show in menus', with the one being viewed marked current."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = []
    if site:
        root = site.root_page
        items = list(root.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth"))
    current_path = getattr(current, "path", "")
    return {
        "request": request,
        "root": site.root_page if site else None,
        "items": [(item, bool(current_path) and current_path.startswith(item.path)) for item in items],
    }
