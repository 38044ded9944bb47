"""Routing a request to its page in the request's language, and the queries that routing, menus and
Wagtail's privacy check share: a page's view restrictions in one query, and a parent's live children
memoised until a page's title, URL or live state changes."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.models import PageViewRestriction, Site

from .cache import LINKS
from .languages import source_root
from .memo import memoised


def serve(request, path):
    """Wagtail's serve, routed from the site's root in the request's language, which
    MemoisedSiteMiddleware has already found: Wagtail's own routing would look up the active Locale
    and the root's translation on every request. A page not translated into the request's language
    is found in the source language's tree and served as it is, under the same URL (its template
    says so), so a link to it is never a 404."""
    from wagtail import views  # loads the page model: not while models load (practice.models imports this)

    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route(request, path)
    return views.serve(request, path)


def route(request, path):
    """(page, args, kwargs) for `path`, or None: the page in the request's language, else the
    untranslated source page at the same path."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    try:
        return site.root_page.route(request, components)
    except Http404:
        pass
    source = source_root(request, site.root_page)
    if source.pk == site.root_page.pk:
        return None
    try:
        return source.specific_deferred.route(request, components)
    except Http404:
        return None


def restrictions_applying_to(path):
    """PageViewRestriction rows that apply to the page at `path` (an SQL expression): on the page or
    an ancestor, whose paths are prefixes of it, or on the source page of either when it is an alias."""
    return PageViewRestriction.objects.filter(
        Q(page__path=Substr(path, 1, Length("page__path")))
        | Q(page__aliases__path=Substr(path, 1, Length("page__aliases__path")))
    )


def view_restricted():
    """An annotation for a page queryset: whether any privacy restriction applies to each page."""
    return Exists(restrictions_applying_to(OuterRef("path")))


def live_children(request, parent):
    """The live children of `parent` in tree order, as generic pages, found once per process until a
    purge of links (a page published with a new title, URL, live state or menu flag, moved or
    deleted): the home page routes to its sections through them and the main menu lists them, in
    one query for both. Only those fields of theirs are read: a section served reads itself."""
    return memoised(request, f"live-children:{parent.pk}", lambda: find_live_children(parent), shows=(LINKS,))


def find_live_children(parent):
    """The live children of `parent`, each knowing its parent (breadcrumbs walk up through it)."""
    # Generic pages: joining every page type's table to have them specific in the same query makes
    # PostgreSQL, on tables too small to have statistics, estimate millions of rows and JIT-compile.
    children = list(parent.get_children().live())
    for child in children:
        child._cached_parent_obj = parent
    return children
