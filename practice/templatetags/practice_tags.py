"""Template tags for the site frame: navigation built from the page tree."""

from django import template
from wagtail.models import Site

from practice.cache import memoised

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Top-level pages marked 'show in menus', with the one being viewed marked current."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = memoised(request, f"main-nav:{site.pk}", lambda: menu_items(request, site)) if site else []
    current_path = getattr(context.get("page"), "path", "")
    return {
        "request": request,
        "items": [(item, bool(current_path) and current_path.startswith(item["path"])) for item in items],
    }


def menu_items(request, site):
    """Title, URL and tree path of the site's top-level pages shown in menus."""
    pages = site.root_page.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")
    return [{"title": page.title, "url": page.get_url(request), "path": page.path} for page in pages]
