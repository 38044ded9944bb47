"""Finding and listing treatment and article pages: routing to a child in one query, and their
images' renditions loaded up front."""

import copy
import functools

from django.db.models import CharField, IntegerField, prefetch_related_objects

from practice.cache import PAGES
from practice.compiled_queries import CompiledQuery, Parameter
from practice.memo import memoised
from practice.routing import view_restricted


def with_listing_images(queryset):
    """A page queryset that loads each page's hero image and its renditions up front."""
    return queryset.select_related("hero_image").prefetch_related("hero_image__renditions")


def stream_images(stream_value):
    return [block.value["image"] for block in stream_value if block.block_type == "image"]


def prefetch_renditions(images):
    """Load the renditions of all these images in one query, however many there are. Images that
    have them loaded are left alone before Django's prefetching is asked (a page asks for its
    related parts' renditions where each part renders, after its context loaded them all)."""
    missing = {image.pk: image for image in images if image and not has_renditions(image)}
    if missing:
        prefetch_related_objects(list(missing.values()), "renditions")


def has_renditions(image):
    """Whether the image's renditions are already loaded (prefetch_renditions)."""
    return "renditions" in getattr(image, "_prefetched_objects_cache", {})


def route_to_child(index, page_model, request, path_components):
    """Route to a child of `page_model`, found once per process until a purge of pages.

    Wagtail's default routing takes two queries for a child page (the generic page, then its
    specific type) and more for its hero image and clinical reviewer; this finds all of that in one
    query, and only on the first request after a purge of pages (publishing, unpublishing, moving or
    deleting any page). Previews never route, so they never see this copy.
    """
    slug = path_components[0]
    child = memoised(
        request, f"child-page:{index.pk}:{slug}", lambda: find_child(index, page_model, slug), shows=(PAGES,)
    )
    if child is None:
        return None
    # A copy per request, so nothing a request caches on the page is shared.
    child = copy.copy(child)
    child._cached_parent_obj = index
    return child.route(request, path_components[1:])


def find_child(index, page_model, slug):
    """The child of `index` with this slug, with its hero image and reviewer, or None."""
    found = child_query(page_model).run(parent_path=index.path, depth=index.depth + 1, slug=slug)
    return found[0] if found else None


@functools.cache
def child_query(page_model):
    """The query `find_child` runs for a `page_model`, compiled once per process: building its SQL
    (two tables of the page, its image's and its reviewer's, and the restriction check) took most of
    a route's time."""
    return CompiledQuery(
        lambda: (
            # Wagtail's child_of(), the parent's path and depth given at each run.
            page_model.objects.filter(
                path__startswith=Parameter("parent_path", CharField()),
                depth=Parameter("depth", IntegerField()),
                slug=Parameter("slug", CharField()),
            )
            # The reviewer is shown near the end of every treatment and article page.
            .select_related("hero_image", "reviewed_by")
            # Saves Wagtail's privacy check a query on every view (saving a restriction purges).
            .annotate(view_restricted=view_restricted())[:1]
        )
    )
