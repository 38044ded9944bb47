"""Template tags for the site frame: navigation built from the page tree, structured data."""

from django import template
from wagtail.models import Site

from practice.models import PracticeSettings
from practice.structured_data import absolute_url, medical_clinic, to_json

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
