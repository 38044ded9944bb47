"""The site search page: a thin view over Wagtail's search backend."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

RESULTS_PER_PAGE = 10


def search(request):
    """Live pages of this site matching `?q=`, best match first, a page of results at a time."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        results = pages.specific().search(query)
    page_of_results = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "search/search.html", {"query": query, "results": page_of_results})
