"""Site-wide views that are not pages: robots.txt."""

from django.template.response import TemplateResponse
from django.urls import reverse


def robots_txt(request):
    """Tell crawlers what to skip and where the sitemap is."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return TemplateResponse(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")
