"""Empty the CDN or caching proxy in front of the site as completely as the page cache's purge.

Wagtail's frontend-cache integration purges only the URLs of a published page, while the menus,
footers and practice details on every page change with it; the page cache empties everything by
bumping its generation (practice/cache.py), so the CDN is told to drop everything too: Cloudflare's
`purge_everything`, or for a generic purge URL (Varnish, nginx) one `PURGE /` per site hostname
with `X-Purge-All: 1`, which the proxy turns into a ban of the host (docs/deploy.md).
"""

import logging
from urllib.request import urlopen

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

CLOUDFLARE_API = "https://api.cloudflare.com/client/v4"
TIMEOUT_SECONDS = 10


def purge_frontend_caches():
    """Purge everything on each backend of settings.WAGTAILFRONTENDCACHE; failures are logged,
    never raised: the editor's change is saved, and the CDN's copies expire after s-maxage."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from wagtail.contrib.frontend_cache.backends import CloudflareBackend, HTTPBackend
    from wagtail.contrib.frontend_cache.utils import get_backends

    for name, backend in get_backends().items():
        try:
            if isinstance(backend, CloudflareBackend):
                purge_cloudflare(backend)
            elif isinstance(backend, HTTPBackend):
                purge_proxy(backend)
            else:
                logger.warning("Frontend cache %s cannot be purged of everything; only by URL", name)
        except (OSError, requests.RequestException):
            logger.exception("Purging everything on frontend cache %s failed", name)


def purge_cloudflare(backend):
    if backend.cloudflare_token:
        headers = {"Authorization": f"Bearer {backend.cloudflare_token}"}
    else:
        headers = {"X-Auth-Email": backend.cloudflare_email, "X-Auth-Key": backend.cloudflare_api_key}
    response = requests.post(
        f"{CLOUDFLARE_API}/zones/{backend.cloudflare_zoneid}/purge_cache",
        json={"purge_everything": True},
        headers=headers,
        timeout=TIMEOUT_SECONDS,
    )
    response.raise_for_status()


def purge_proxy(backend):
    from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
    from wagtail.models import Site

    for hostname in Site.objects.values_list("hostname", flat=True).distinct():
        request = PurgeRequest(
            url=f"{backend.cache_scheme}://{backend.cache_netloc}/",
            headers={"Host": hostname, "X-Purge-All": "1"},
        )
        # The configured purge URL, http(s) only (Wagtail checks its scheme).
        with urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310  # nosec B310
            pass
