"""What the counting tests share: visitors from addresses of their own, and the table after a write."""

import itertools

from analytics.models import PageViewCount
from analytics.tally import flush_page_views

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1"
)
# Each visit from an address of its own unless a test says otherwise: one address gets one view a
# second at most (the flood limit).
_addresses = (f"198.51.{n // 250}.{n % 250 + 1}" for n in itertools.count())


def visit(client, path, *, method="get", user_agent=CHROME, **headers):
    """A person's browser asking for `path`, from an address no other visit used."""
    headers.setdefault("REMOTE_ADDR", next(_addresses))
    return getattr(client, method)(path, HTTP_USER_AGENT=user_agent, **headers)


def counted():
    """Write this process's counts, then {(path, not_found, channel, source, campaign, device): views}."""
    flush_page_views()
    return {
        (row.path, row.not_found, row.channel, row.source, row.campaign, row.device): row.views
        for row in PageViewCount.objects.all()
    }
