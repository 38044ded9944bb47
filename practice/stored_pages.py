"""Stored pages: what the page cache keeps of a response (compressed once, with its ETag), and how
a hit is answered from it (the client's content coding, or a 304).
"""

import functools
import gzip
import hashlib

from django.conf import settings
from django.utils.http import http_date

try:  # Brotli only where the package is installed (docs/performance.md); gzip always.
    import brotli
except ImportError:
    brotli = None

# Headers that belong to one response only, never to be replayed from the cache, and those the
# cache sets itself when it stores a page.
UNSTORED_HEADERS = frozenset(
    {"set-cookie", "date", "x-cache", "cache-control", "expires", "etag", "last-modified", "vary"}
)
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml")
MIN_COMPRESSED_SIZE = 200  # below this, the compressed copy saves nothing worth a header
PREFERRED_CODINGS = ("br", "gzip")
MAX_ACCEPT_ENCODING = 256  # browsers send ~30 characters; more is not read


def is_storable(response):
    """Whether a response is the same for every anonymous visitor, so it may be shared."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = {
        part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")
    }
    if cache_control & {"private", "no-cache", "no-store"}:
        return False
    # The key holds only the URL, so a response that varies on a request header (Cookie above
    # all) must not be shared. The cache's own `Vary: Accept-Encoding` is added when storing.
    return not response.has_header("Vary")


def stored_page(response):
    """What the cache keeps of a storable response: (status, headers, bodies by content coding,
    the identity body's ETag).

    Compressed here, once, rather than on every hit; only pages that are stored (the same for every
    visitor, so no secret to leak through BREACH) are ever compressed. Headers that belong to one
    response (Set-Cookie above all) are never kept.
    """
    content = response.content
    headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
    headers += [
        (
            "Cache-Control",
            f"public, max-age={settings.PAGE_CACHE_BROWSER_SECONDS}, s-maxage={settings.PAGE_CACHE_SECONDS}",
        ),
        ("Last-Modified", http_date()),
        ("Vary", "Accept-Encoding"),
    ]
    bodies = {"identity": content}
    content_type = response.get("Content-Type", "")
    if len(content) >= MIN_COMPRESSED_SIZE and content_type.startswith(COMPRESSIBLE_TYPES):
        bodies["gzip"] = gzip.compress(content, compresslevel=9, mtime=0)
        if brotli is not None:
            bodies["br"] = brotli.compress(content)
    return response.status_code, headers, bodies, entity_tag(content)


def entity_tag(content):
    """A strong ETag: the hash of the identity body."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def coded_tag(etag, coding):
    """The ETag of one representation: its own for each coding, as Apache's `"<tag>-gzip"`."""
    return etag if coding == "identity" else f'{etag[:-1]}-{coding}"'


def accepted_coding(header, available):
    """The best coding in `available` that an Accept-Encoding header accepts; identity at worst."""
    for coding in acceptable_codings(header[:MAX_ACCEPT_ENCODING]):
        if coding in available:
            return coding
    return "identity"


@functools.lru_cache(maxsize=64)
def acceptable_codings(header):
    """The codings of PREFERRED_CODINGS that an Accept-Encoding header accepts, best first; read
    once for each of the few headers browsers send. Malformed parts are ignored and the header
    read only so far (accepted_coding), so nonsense costs nothing."""
    accepted = {}
    for part in header.lower().split(","):
        coding, _, params = part.partition(";")
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        accepted[coding.strip()] = quality
    return tuple(coding for coding in PREFERRED_CODINGS if accepted.get(coding, accepted.get("*", 0)) > 0)


def matches_tag(if_none_match, tags):
    """Whether an If-None-Match header names one of `tags` (weak comparison, as RFC 9110 says)."""
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") in tags for tag in if_none_match.split(","))


NOT_MODIFIED_HEADERS = frozenset({"cache-control", "last-modified", "vary", "etag", "x-cache"})


class CachedPage:
    """A stored page with its answers made ready, once per process: the status, headers and body
    for each content coding, and the 304 for each. A hit then only picks one. Its content type is
    what the hit hooks read to tell a page from a feed or a sitemap."""

    __slots__ = ("content_type", "answers", "not_modified", "tags")

    def __init__(self, stored):
        status, headers, bodies, etag = stored
        self.content_type = stored_content_type(headers)
        self.answers, self.not_modified = {}, {}
        for coding, body in bodies.items():
            answer = [
                *((name, value) for name, value in headers if name.lower() != "content-length"),
                ("ETag", coded_tag(etag, coding)),
                ("X-Cache", "hit"),
                *([("Content-Encoding", coding)] if coding != "identity" else []),
                ("Content-Length", str(len(body))),
            ]
            self.answers[coding] = (status, answer, body)
            kept = [(name, value) for name, value in answer if name.lower() in NOT_MODIFIED_HEADERS]
            self.not_modified[coding] = (304, kept, b"")
        self.tags = frozenset(coded_tag(etag, coding) for coding in bodies)


def stored_content_type(stored_headers):
    """The Content-Type among a stored page's (name, value) headers, or ""."""
    return next((value for name, value in stored_headers if name.lower() == "content-type"), "")


def cached_answer(page, environ):
    """(status, headers, body) answering this request from a CachedPage: the body in the coding
    the client accepts, or a 304 when its If-None-Match names what it already holds. The headers
    are the page's own list: add to a copy."""
    coding = accepted_coding(environ.get("HTTP_ACCEPT_ENCODING", ""), page.answers)
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match and matches_tag(if_none_match, page.tags):
        return page.not_modified[coding]
    return page.answers[coding]
