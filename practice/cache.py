"""Full-page cache for anonymous visitors, emptied at once by bumping a generation number.

Why a middleware of our own: Django's cache middleware stores only after every other middleware has
run and reads back through all of them; `wagtail-cache` does not support Wagtail 8. This one sits
first in MIDDLEWARE (after only the attribution middleware), so a hit skips the rest of Django, and it keys entries on a generation number
kept in the same cache: a purge is one increment that every server sharing the cache sees, and
the old entries simply expire.
"""

import copy
import functools
import gzip
import hashlib
import os
import time
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.http import HttpResponse, parse_cookie
from django.http.request import split_domain_port, validate_host
from django.utils import timezone
from django.utils.http import http_date

try:  # Brotli only where the package is installed (docs/performance.md); gzip always.
    import brotli
except ImportError:
    brotli = None

GENERATION_KEY = "page-cache:generation"
# Where the lookup leaves the generation it read, for Django to store a miss under the same one.
GENERATION_ENVIRON_KEY = "practice.page_cache_generation"
# Where the rules and the key leave the reduced query string, parsed once per request.
KEY_QUERY_ENVIRON_KEY = "practice.page_cache_query"
CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
# Headers that belong to one response only, never to be replayed from the cache, and those the
# cache sets itself when it stores a page.
UNSTORED_HEADERS = frozenset(
    {"set-cookie", "date", "x-cache", "cache-control", "expires", "etag", "last-modified", "vary"}
)
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml")
MIN_COMPRESSED_SIZE = 200  # below this, the compressed copy saves nothing worth a header
PREFERRED_CODINGS = ("br", "gzip")
MAX_ACCEPT_ENCODING = 256  # browsers send ~30 characters; more is not read
KNOWN_HOSTS_MAX = 100  # Host headers remembered as allowed; beyond that they are checked every time


def page_cache():
    """The cache that holds pages and their generation number."""
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
    """The generation that keys live entries; created on first use or after it was evicted."""
    cache = page_cache()
    if isinstance(cache, FileBasedCache):
        return file_generation(cache)
    return stored_generation(cache)


def stored_generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh value rather than 0: an evicted counter must never bring back older entries.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


# (the generation file's path, inode, mtime and size; the generation it held) in this process.
_file_generation = (None, None)
_generation_files = {}  # the generation's file in each file cache's folder


def file_generation(cache):
    """The file cache's generation, read again only when its file changed: every hit reads the
    generation, and a stat costs a fraction of opening, unpickling and decompressing the file.

    Every write of a FileBasedCache entry (an `incr` is a get and a set) replaces its file, so a new
    inode, and `touch` rewrites it, so a new mtime: the same identity means the same generation. The
    identity is taken before the file is read, so a purge in between is read at the next stat."""
    global _file_generation
    path = _generation_files.get(cache._dir)
    if path is None:
        path = _generation_files[cache._dir] = cache._key_to_file(GENERATION_KEY)
    try:
        stat = os.stat(path)
    except FileNotFoundError:  # never set, culled or cleared: read (and so recreate) it as usual
        return stored_generation(cache)
    identity = (path, stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if _file_generation[0] != identity:
        _file_generation = (identity, stored_generation(cache))
    return _file_generation[1]


def purge_page_cache():
    """Make every cached page stale on every server sharing the cache."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (never set, or evicted): a new generation does the same job
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def generation_of_today():
    """The generation that keys pages and memos now, read from the shared cache.

    It includes today's date: what a page shows can change at midnight with no save to purge on
    (a gallery consent that lapses), so no page or memo outlives the day it was rendered.
    """
    return f"{current_generation()}:{timezone.localdate().isoformat()}"


def request_generation(request):
    """The cache generation for this request, read from the shared cache at most once per request
    (the page cache's lookup already read it when it ran)."""
    if not hasattr(request, "page_cache_generation"):
        request.page_cache_generation = request.META.get(GENERATION_ENVIRON_KEY) or generation_of_today()
    return request.page_cache_generation


# (generation, {name: value}) for this process; replaced whole when the generation moves on.
_memo = (None, {})
MEMO_MAX_ENTRIES = 1000


def memoised(request, name, build):
    """`build()` once per process until the next purge, for what every page reads: the site, the
    practice's details, the menu, routes. Purges bump the generation, so values are never stale.
    None is returned but not remembered, so unknown hosts or paths cannot fill the memo."""
    global _memo
    generation = request_generation(request)
    memo_generation, values = _memo
    if memo_generation != generation:
        values = {}
        _memo = (generation, values)
    if name in values:
        return values[name]
    value = build()
    if value is not None and len(values) < MEMO_MAX_ENTRIES:
        values[name] = value
    return value


def memoised_fragment(request, key, render):
    """HTML that shows only published content, rendered by `render()` once per process, cache
    generation and site (page links depend on the site). A preview always renders afresh: its page
    is a draft whose relations (related pages, practitioners) live only in memory."""
    if request is None or getattr(request, "is_preview", False):
        return render()
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return render()
    return memoised(request, f"fragment:{site.pk}:{key}", render)


class MemoisedSiteMiddleware:
    """Find the Wagtail site (and its root page) once per process and cache generation.

    Wagtail looks the site up in the database on every request and caches it on
    `request._wagtail_site` (documented on `Site.find_for_request`); setting that attribute first
    saves the query and the root page's `.specific` query. Each request gets its own shallow copies,
    so nothing it sets on them leaks into another request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return self.get_response(request)  # files need no site, and no cache read for one
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        site = memoised(request, f"site:{host}:{request.get_port()}", lambda: self.find_site(request))
        if site is not None:
            request._wagtail_site = copy.copy(site)
            request._wagtail_site.root_page = copy.copy(self.specific_root_page(request, site.root_page))
        return self.get_response(request)

    @staticmethod
    def find_site(request):
        from wagtail.models import Site

        return Site._find_for_request(request)

    @staticmethod
    def specific_root_page(request, root_page):
        """The site's root page as its specific type. It is served only at the site's root; below
        it, it is only routed through (its type's route() and the fields every page has), so its
        own fields are left unloaded, without a query."""
        if request.path_info == "/":
            return memoised(request, f"root-page:{root_page.pk}", lambda: root_page.specific)
        return root_page.specific_deferred


def carries_session(request):
    """Whether the visitor brings a session: someone who may be signed in, whose page may differ.

    Read from the cookie alone: touching `request.session` or `request.user` would add
    `Vary: Cookie` to the response and make the page unshareable for everyone.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES


@functools.cache
def rules():
    """The settings the cache's rules read, read once: every hit reads them, and the lazy settings
    object costs a few microseconds per attribute. Read again when a test changes a setting."""
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]  # what Django allows in that case
    return SimpleNamespace(
        seconds=settings.PAGE_CACHE_SECONDS,
        # Static files and media never pay a cache lookup: WhiteNoise or the web server answers them.
        excluded_paths=(*settings.PAGE_CACHE_EXCLUDED_PATHS, settings.STATIC_URL, settings.MEDIA_URL),
        # A session cookie means someone whose page may differ: a signed-in editor, above all.
        bypass_cookies=(settings.SESSION_COOKIE_NAME, *settings.PAGE_CACHE_BYPASS_COOKIES),
        allowed_hosts=allowed,
        forwarded_host=settings.USE_X_FORWARDED_HOST,
        proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
        key_params=frozenset(settings.PAGE_CACHE_KEY_PARAMS),
        max_query_length=settings.PAGE_CACHE_MAX_QUERY_LENGTH,
        known_hosts=set(),  # Host headers found allowed, so a hit checks each only once
    )


def forget_settings(**kwargs):
    rules.cache_clear()


setting_changed.connect(forget_settings, dispatch_uid="page-cache-rules")


def bypass_reason(environ):
    """Why this request must not be answered from (or stored in) the cache, or None if it may.

    Read from the WSGI environ (a Django request's META), so the WSGI layer in front of Django
    (practice/fastcache.py) and PageCacheMiddleware apply the same rules.
    """
    rule = rules()
    if not rule.seconds:
        return "disabled"
    if environ.get("REQUEST_METHOD") not in CACHEABLE_METHODS:
        return "method"
    if environ.get("PATH_INFO", "/").startswith(rule.excluded_paths):
        return "path"
    if "HTTP_COOKIE" in environ:
        cookies = parse_cookie(environ["HTTP_COOKIE"])
        if any(name in cookies for name in rule.bypass_cookies):
            return "cookie"
    if "HTTP_AUTHORIZATION" in environ:
        return "authorization"
    if request_host(environ) is None:
        return "host"  # Django answers it with a 400, and no entry is ever made for it
    if len(key_query(environ)) > rule.max_query_length:
        return "query"  # served, never stored: no entry per variant of an enormous value
    return None


def request_host(environ):
    """The Host as Django reads it (`HttpRequest.get_host`), or None when ALLOWED_HOSTS refuses it."""
    rule = rules()
    if rule.forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    elif "HTTP_HOST" in environ:
        host = environ["HTTP_HOST"]
    else:
        host = environ.get("SERVER_NAME", "")
        port = str(environ.get("SERVER_PORT", ""))
        if port != ("443" if request_scheme(environ) == "https" else "80"):
            host = f"{host}:{port}"
    if host in rule.known_hosts:
        return host
    domain, _port = split_domain_port(host)
    if not (domain and validate_host(domain, rule.allowed_hosts)):
        return None
    if len(rule.known_hosts) < KNOWN_HOSTS_MAX:  # bounded: a wildcard allows endless subdomains
        rule.known_hosts.add(host)
    return host


def request_scheme(environ):
    """http or https, trusting the proxy's header only as settings.SECURE_PROXY_SSL_HEADER says."""
    proxy_ssl_header = rules().proxy_ssl_header
    if proxy_ssl_header:
        header, secure_value = proxy_ssl_header
        if header in environ:
            return "https" if environ[header].split(",")[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def key_query(environ):
    """The query string reduced to the parameters pages read (settings.PAGE_CACHE_KEY_PARAMS),
    sorted: tracking parameters, a unique click id or `?x=<random>` are served from the page's
    entry, so nobody can fill the cache by varying the query string."""
    query = environ.get("QUERY_STRING", "")
    if not query:
        return ""
    if KEY_QUERY_ENVIRON_KEY not in environ:  # read by the rules and by the key alike
        names = rules().key_params
        kept = sorted(
            (name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name in names
        )
        environ[KEY_QUERY_ENVIRON_KEY] = urlencode(kept)
    return environ[KEY_QUERY_ENVIRON_KEY]


def cache_key(environ, generation):
    """One key per generation, scheme, host, path and the query parameters pages read."""
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
    query = key_query(environ)
    url = f"{request_scheme(environ)}://{request_host(environ)}{path}{'?' + query if query else ''}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
    return f"page-cache:{generation}:{digest}"


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
    for each content coding, and the 304 for each. A hit then only picks one."""

    __slots__ = ("stored_headers", "answers", "not_modified", "tags")

    def __init__(self, stored):
        status, headers, bodies, etag = stored
        self.stored_headers = headers
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


def cached_answer(page, environ):
    """(status, headers, body) answering this request from a CachedPage: the body in the coding
    the client accepts, or a 304 when its If-None-Match names what it already holds. The headers
    are the page's own list: add to a copy."""
    coding = accepted_coding(environ.get("HTTP_ACCEPT_ENCODING", ""), page.answers)
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match and matches_tag(if_none_match, page.tags):
        return page.not_modified[coding]
    return page.answers[coding]


# Functions called on every hit the WSGI layer answers, each given the WSGI environ and the stored
# headers, returning headers to add to this answer only (a visitor's own Set-Cookie): apps register
# theirs in AppConfig.ready(), as leads does. A hook builds a Django request only when it needs one.
_hit_hooks = []


def register_hit_hook(hook):
    if hook not in _hit_hooks:
        _hit_hooks.append(hook)


def hit_hooks():
    return tuple(_hit_hooks)


# The hottest pages, kept in this process too: a key names one generation and day, so a copy can
# never outlive a purge, and it saves reading and unpickling the page from the shared cache on
# every hit. Bounded in number and age (the shared entry may be evicted before it expires).
_local_pages = {}
LOCAL_PAGES_MAX = 100
LOCAL_PAGE_SECONDS = 30


def lookup(environ):
    """The CachedPage for this request, or None (a miss, or a request the cache must not answer).

    The generation is read once and kept in the environ, so Django (on a miss) stores the page
    under the generation read before it rendered: a page rendered while an editor publishes is
    stored under the old generation and never served."""
    if bypass_reason(environ):
        return None
    if GENERATION_ENVIRON_KEY not in environ:  # already read, when the WSGI layer passed a miss on
        environ[GENERATION_ENVIRON_KEY] = generation_of_today()
    key = cache_key(environ, environ[GENERATION_ENVIRON_KEY])
    now = time.monotonic()
    kept = _local_pages.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    stored = page_cache().get(key)
    if stored is None:
        return None
    page = CachedPage(stored)
    if len(_local_pages) >= LOCAL_PAGES_MAX:
        _local_pages.clear()  # rare: more hot pages than the bound; they come back on use
    _local_pages[key] = (now + min(LOCAL_PAGE_SECONDS, rules().seconds), page)
    return page


class PageCacheMiddleware:
    """Store what Django renders for anonymous GET requests; first in MIDDLEWARE but for the
    attribution middleware, which adds a visitor's own cookie after it.

    In production hits never reach it: practice/fastcache.py answers them before Django's handler.
    It answers them itself when Django is served without that layer (runserver, the test client),
    with the same rules and answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        environ = request.META
        page = lookup(environ)
        if page is not None:
            return self.replay(cached_answer(page, environ))
        response = self.get_response(request)
        if GENERATION_ENVIRON_KEY in environ and request.method == "GET" and is_storable(response):
            stored = stored_page(response)
            page_cache().set(
                cache_key(environ, environ[GENERATION_ENVIRON_KEY]), stored, settings.PAGE_CACHE_SECONDS
            )
            for name, value in stored[1]:
                response[name] = value
            response["ETag"] = stored[3]
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def replay(answer):
        status, headers, body = answer
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        return response
