from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from practice import routing, sitemap
from practice import views as practice_views
from search.views import search

urlpatterns = [
    path("healthz", practice_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap.sitemap_section, name="sitemap_section"),
    path("robots.txt", practice_views.robots_txt, name="robots_txt"),
    path("calendar/", include("appointments.feed_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# What patients read, in each language under its prefix (/es/..., none for English; the prefix alone
# names the language: practice/languages.py). Wagtail serves every other path from the page tree
# in that language, so it comes last; its serve is routed by practice/routing.py.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    # The patient's appointment link, in the language of their request (appointments/links.py).
    path("appointment/", include("appointments.link_urls")),
    path("consultation/", include("leads.urls")),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "practice.views.bad_request"
handler403 = "practice.views.permission_denied"
handler500 = "practice.views.server_error"
