"""The sitemap: every language's pages, each with its translations as hreflang alternates; one file
while the site fits in it, else an index of files (Django's sitemap index), so no file grows past
what a crawler reads comfortably."""

import functools
import operator

from django.conf import settings
from wagtail.contrib.sitemaps import views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from .languages import language_codes, urls_by_translation

SECTION = "pages"


class PageSitemap(Sitemap):
    """Every live, public page of the site in every language, at most `limit` to a file."""

    limit = 2000

    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        # The site's root and its translations: each language's tree (Wagtail lists the first only).
        roots = Page.objects.filter(
            translation_key=root.translation_key, locale__language_code__in=language_codes()
        )
        in_a_tree = functools.reduce(
            operator.or_, (Page.objects.descendant_of_q(each, inclusive=True) for each in roots)
        )
        return Page.objects.filter(in_a_tree).live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        """Wagtail's, with each page's translations (when it has any) as alternates, found in one
        query for the file."""
        pages = list(self.paginator.page(page).object_list)
        translations = urls_by_translation(self.request, {each.translation_key for each in pages})
        urls = []
        for item in pages:
            alternates = alternates_of(translations.get(item.translation_key, {}))
            urls += [
                {**url_info, "alternates": alternates} for url_info in item.get_sitemap_urls(self.request)
            ]
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:  # None: a page that has never been published
            self.latest_lastmod = max(last_mods)
        return urls


def alternates_of(urls):
    """Django's sitemap alternates for a page's {language code: URL}: none for a page in one language,
    else each translation and the source language's page as x-default."""
    if len(urls) < 2:
        return []
    alternates = [{"lang_code": code, "location": url} for code, url in urls.items()]
    if settings.LANGUAGE_CODE in urls:
        alternates.append({"lang_code": "x-default", "location": urls[settings.LANGUAGE_CODE]})
    return alternates


def sitemap(request):
    """/sitemap.xml: every page while they fit in one file, else the index of the files."""
    pages = PageSitemap(request)
    if pages.paginator.num_pages > 1:
        return views.index(request, {SECTION: pages}, sitemap_url_name="sitemap_section")
    return views.sitemap(request, {SECTION: pages})


def sitemap_section(request, section):
    """One file of the split sitemap: /sitemap-pages.xml?p=<n>; an unknown section or page is 404."""
    return views.sitemap(request, {SECTION: PageSitemap}, section=section)
