"""Template tags for the site frame: navigation built from the page tree, structured data."""

from django import template
from wagtail.models import Site

from practice.cache import memoised
from practice.models import PracticeSettings
from practice.structured_data import absolute_url, medical_clinic, to_json

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


@register.inclusion_tag("includes/structured_data.html", takes_context=True)
def structured_data(context):
    """JSON-LD for the practice, then whatever the page being viewed says about itself."""
    request = context.get("request")
    if request is None:
        return {"objects": []}
    site = Site.find_for_request(request)
    page = context.get("page")
    objects = []
    if site:
        practice = PracticeSettings.for_request(request)
        objects.append(medical_clinic(practice, url=site.root_url + "/"))
    if page is not None and hasattr(page, "get_structured_data"):
        objects.extend(page.get_structured_data(request))
    return {"objects": [to_json(data) for data in objects]}


@register.simple_tag(takes_context=True)
def site_url(context, url):
    """`url` made absolute on the site's root URL, as canonical and social image URLs must be."""
    return absolute_url(url, request=context["request"])
