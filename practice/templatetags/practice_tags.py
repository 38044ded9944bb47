"""Template tags for the site frame: navigation built from the page tree, structured data."""

from django import template
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page, Site

from practice.cache import LINKS, SETTINGS
from practice.cache_rules import carries_session
from practice.memo import FRAME, memoised, memoised_fragment
from practice.models import PracticeSettings
from practice.routing import live_children
from practice.share_images import share_rendition
from practice.structured_data import absolute_url, medical_clinic, to_json

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Top-level pages marked 'show in menus', with the one being viewed marked current."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = (
        memoised(request, f"main-nav:{site.pk}", lambda: menu_items(request, site), shows=(LINKS,))
        if site
        else []
    )
    current_path = getattr(context.get("page"), "path", "")
    return {
        "request": request,
        "items": [(item, bool(current_path) and current_path.startswith(item["path"])) for item in items],
    }


def menu_items(request, site):
    """Title, URL and tree path of the site's top-level pages shown in menus."""
    pages = [page for page in live_children(request, site.root_page) if page.show_in_menus]
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
        objects.append(practice_json(request, site))
    if page is not None and hasattr(page, "get_structured_data"):
        objects.extend(to_json(data) for data in page.get_structured_data(request))
    return {"objects": objects}


def practice_json(request, site):
    """The practice as JSON-LD, once per process, site and language until its details change: the
    same on every page, and building and serialising it was 1 ms of a warm render."""

    def build():
        practice = PracticeSettings.for_request(request)
        return to_json(medical_clinic(practice, url=site.root_url + "/"))

    return memoised(request, f"practice-json:{site.pk}", build, shows=(SETTINGS,))


@register.simple_tag(takes_context=True)
def editor_userbar(context):
    """Wagtail's userbar (edit this page, accessibility checks) for signed-in editors.

    Only a request that brings a session is asked who its user is: Wagtail's own tag reads
    `request.user`, which adds `Vary: Cookie` and would stop every anonymous page from being cached.
    Requests with a session bypass the page cache (practice.cache_rules), so the userbar is never stored.
    """
    request = context.get("request")
    if request is None or not carries_session(request):
        return ""
    userbar = wagtailuserbar(context)
    if userbar:
        # The userbar's scripts and styles need the admin's policy (practice.middleware).
        request.shows_userbar = True
    return userbar


@register.simple_tag(takes_context=True)
def site_url(context, url):
    """`url` made absolute on the site's root URL, as canonical and social image URLs must be."""
    return absolute_url(url, request=context["request"])


@register.simple_tag
def share_image_rendition(image):
    """{% share_image_rendition image as rendition %}: the Open Graph image, the same rendition and
    lookup as the page's structured data (practice.share_images)."""
    return share_rendition(image)


@register.tag
def memoise(parser, token):
    """{% memoise "name" %}...{% endmemoise %}: the HTML inside, for the page in context, rendered
    once per process until a purge of pages, links or settings, never in previews
    (`practice.memo.memoised_fragment`).

    Only for parts that show nothing but published content: the page's own fields and relations and
    other pages' titles, images and URLs, which change only through what purges the cache.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the fragment's name")
    nodelist = parser.parse(("endmemoise",))
    parser.delete_first_token()
    return MemoisedFragmentNode(nodelist, parser.compile_filter(bits[1]))


class MemoisedFragmentNode(template.Node):
    """The template node of {% memoise %}."""

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        page_pk = getattr(context.get("page"), "pk", None)
        if page_pk is None:  # not a page, or one never saved
            return self.nodelist.render(context)
        key = f"{self.name.resolve(context)}:{page_pk}"
        return memoised_fragment(context.get("request"), key, lambda: self.nodelist.render(context))


@register.tag
def memoise_frame(parser, token):
    """{% memoise_frame "name" [page] %}...{% endmemoise_frame %}: a part of the site's frame (its
    header, its footer), rendered once per process, site and language until a purge of links or the
    practice's details (`practice.memo.FRAME`), never in previews.

    With `page`, once per page as well, or once for views with none: the language switcher links the
    page's translations and the menu marks the section it is in. A `page` that is not a saved page
    (a page of search results) renders the part afresh.
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError(f"{bits[0]} takes the part's name and, optionally, the page")
    nodelist = parser.parse(("endmemoise_frame",))
    parser.delete_first_token()
    page = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return MemoisedFrameNode(nodelist, parser.compile_filter(bits[1]), page)


class MemoisedFrameNode(template.Node):
    """The template node of {% memoise_frame %}."""

    def __init__(self, nodelist, name, page):
        self.nodelist = nodelist
        self.name = name
        self.page = page

    def render(self, context):
        key = self.name.resolve(context)
        if self.page is not None:
            page = self.page.resolve(context, ignore_failures=True)
            if page is not None and not (isinstance(page, Page) and page.pk):
                return self.nodelist.render(context)
            key = f"{key}:{page.pk if page else 'no page'}"
        return memoised_fragment(
            context.get("request"), key, lambda: self.nodelist.render(context), shows=FRAME
        )
