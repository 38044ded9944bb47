"""The page cache's rules: which requests it may answer or store (bypass rules), and the key a
page is stored under. practice.cache applies them; the stored page is practice.stored_pages.
"""

import functools
import hashlib
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.http import parse_cookie
from django.http.request import split_domain_port, validate_host

CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
# Where the rules and the key leave the reduced query string, parsed once per request.
KEY_QUERY_ENVIRON_KEY = "practice.page_cache_query"
# Where the rules leave the parsed cookies, for the hit hooks to read without parsing them again.
COOKIES_ENVIRON_KEY = "practice.cookies"
KNOWN_HOSTS_MAX = 100  # Host headers remembered as allowed; beyond that they are checked every time


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
        cookies = request_cookies(environ)
        if any(name in cookies for name in rule.bypass_cookies):
            return "cookie"
    if "HTTP_AUTHORIZATION" in environ:
        return "authorization"
    if request_host(environ) is None:
        return "host"  # Django answers it with a 400, and no entry is ever made for it
    if len(key_query(environ)) > rule.max_query_length:
        return "query"  # served, never stored: no entry per variant of an enormous value
    return None


def request_cookies(environ):
    """The request's cookies (name -> value), parsed once for the rules and the hit hooks."""
    if COOKIES_ENVIRON_KEY not in environ:
        environ[COOKIES_ENVIRON_KEY] = parse_cookie(environ.get("HTTP_COOKIE", ""))
    return environ[COOKIES_ENVIRON_KEY]


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
        environ[KEY_QUERY_ENVIRON_KEY] = kept_query(query, rules().key_params)
    return environ[KEY_QUERY_ENVIRON_KEY]


def kept_query(query, names):
    """The parameters of `query` named in `names`, sorted and encoded again.

    An ad click's query names none of them: when no name is one as written and nothing in the
    query is percent- or plus-encoded (so no name can decode to one), the values are never split
    out, for half the cost of reading every pair."""
    as_written = "%" not in query and "+" not in query
    if as_written and names.isdisjoint([part.partition("=")[0] for part in query.split("&")]):
        return ""
    kept = [(name, value) for name, value in query_pairs(query) if name in names]
    return urlencode(sorted(kept)) if kept else ""


def query_pairs(query):
    """The (name, value) pairs of a query string as `parse_qsl(query, keep_blank_values=True)` reads
    them (and so request.GET, but for its repeated values); split by hand when nothing needs
    decoding, as in an ad click's query, for a third of parse_qsl's cost."""
    if "%" in query or "+" in query:
        return parse_qsl(query, keep_blank_values=True)
    return [part.split("=", 1) if "=" in part else (part, "") for part in query.split("&") if part]


def cache_key(environ, generation):
    """One key per generation, scheme, host, path and the query parameters pages read."""
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
    query = key_query(environ)
    url = f"{request_scheme(environ)}://{request_host(environ)}{path}{'?' + query if query else ''}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
    return f"page-cache:{generation}:{digest}"
