"""The sitemap: one file while the site fits in it, else an index of files (Django's sitemap index),
so no file grows past what a crawler reads comfortably."""

from wagtail.contrib.sitemaps import views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

SECTION = "pages"


class PageSitemap(Sitemap):
    """Every live, public page of the site, at most `limit` to a file."""

    limit = 2000


def sitemap(request):
    """/sitemap.xml: every page while they fit in one file, else the index of the files."""
    pages = PageSitemap(request)
    if pages.paginator.num_pages > 1:
        return views.index(request, {SECTION: pages}, sitemap_url_name="sitemap_section")
    return views.sitemap(request, {SECTION: pages})


def sitemap_section(request, section):
    """One file of the split sitemap: /sitemap-pages.xml?p=<n>; an unknown section or page is 404."""
    return views.sitemap(request, {SECTION: PageSitemap}, section=section)
