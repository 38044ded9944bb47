"""The site search page: a thin view over Wagtail's search backend."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from .ranking import best_first

RESULTS_PER_PAGE = 10


def search(request):
    """Live pages of this site matching `?q=`, best match first (search.ranking), a page of
    results at a time."""
    query = request.GET.get("q", "").strip()
    found = []
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        found = best_first(pages, query)
    page_of_results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    shown = Page.objects.filter(pk__in=page_of_results.object_list).specific().in_bulk()
    page_of_results.object_list = [shown[pk] for pk in page_of_results.object_list]
    return TemplateResponse(request, "search/search.html", {"query": query, "results": page_of_results})
