"""Facts about an incoming request that depend on how the site is deployed."""

from django.conf import settings


def client_ip(request):
    """The visitor's IP address, trusting exactly TRUSTED_PROXY_COUNT proxies in front of the app.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the visitor's address is
    the one that many places from the right; anything further left was sent by the client and
    could be forged. With no proxy, the socket's address is the visitor's.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
