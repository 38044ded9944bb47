from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from practice import sitemap
from practice import views as practice_views
from search.views import search

urlpatterns = [
    path("healthz", practice_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search, name="search"),
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap.sitemap_section, name="sitemap_section"),
    path("robots.txt", practice_views.robots_txt, name="robots_txt"),
    path("consultation/", include("leads.urls")),
    path("appointment/", include("appointments.link_urls")),
    path("calendar/", include("appointments.feed_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail serves every other path from the page tree, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "practice.views.bad_request"
handler403 = "practice.views.permission_denied"
handler500 = "practice.views.server_error"
