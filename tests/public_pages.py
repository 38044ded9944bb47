"""What patients can open, one URL per page type, for tests that must cover every kind of page.

Page types come from Wagtail's registry, so a page type added later is covered by the cache,
query-budget and accessibility tests as soon as the demo content has one.
"""

from io import StringIO

from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, get_page_models

# Views outside the page tree that patients see; a name not built yet is left out.
PUBLIC_URL_NAMES = ["leads:consultation"]


def load_demo():
    call_command("load_demo", "--no-admin", stdout=StringIO())


def page_types():
    """Every concrete page type a site can have, in a stable order; test-only types left out."""
    types = [
        model
        for model in get_page_models()
        if model is not Page and not model._meta.app_config.name.startswith("tests.")
    ]
    return sorted(types, key=lambda model: model._meta.label)


def demo_url(page_type):
    """The URL of the demo's first live page of this type, or None when the demo has none."""
    page = page_type.objects.live().order_by("path").first()
    return page.url if page else None


def public_view_url(name):
    """The URL of a public view outside the page tree, or None when it is not built yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None
