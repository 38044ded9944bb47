"""System checks of our own, run by `manage.py check --deploy`: deploy settings that do not fit together."""

from django.conf import settings
from django.core import checks

from .http import parse_network


def check_trusted_proxies(app_configs, **kwargs):
    """Behind a proxy, TRUSTED_PROXIES must list it, or every visitor shares the proxy's address."""
    warnings = []
    for entry in settings.TRUSTED_PROXIES:
        try:
            parse_network(entry)
        except ValueError as error:
            warnings.append(
                checks.Warning(
                    f"TRUSTED_PROXIES: {error}; it is ignored.",
                    hint="List IP addresses or CIDR networks, e.g. 127.0.0.1,10.0.0.0/8.",
                    id="practice.W001",
                )
            )
    if settings.SECURE_PROXY_SSL_HEADER and not settings.TRUSTED_PROXIES:
        warnings.append(
            checks.Warning(
                "SECURE_PROXY_SSL_HEADER says a proxy is in front of the site, but TRUSTED_PROXIES is "
                "empty: every visitor gets the proxy's address, so they all share one rate limit.",
                hint="Set TRUSTED_PROXIES to the proxy's address or network (docs/security.md).",
                id="practice.W002",
            )
        )
    return warnings
