"""Caches: shared through Redis or kept on this machine, and the full-page cache's rules
(practice/cache.py, docs/performance.md)."""

from .environment import BASE_DIR, env

# --- Beyond one machine (docs/deploy.md) ---------------------------------------------------------
# With REDIS_URL every app server shares one cache; sessions are kept in the database and cached
# there, so a Redis restart logs nobody out.
# Without REDIS_URL: per-process memory for small things, and pages on disk so every worker on
# this machine shares them and sees a purge (practice/cache.py, docs/performance.md).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (("default", "practice"), ("pages", "practice-pages"))
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.path("PAGE_CACHE_DIR", default=BASE_DIR / "var" / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Render memos (practice/memo.py): how many values each process keeps, the least recently used
# dropped first. A page uses about four (its route, sections, fragments), so 2,000 keep the
# ~500 pages read most warm; /healthz shows the hit rate (docs/performance.md).
PRACTICE_MEMO_ENTRIES = env.int("PRACTICE_MEMO_ENTRIES", default=2000)

# Full-page cache for anonymous visitors (practice/cache.py, docs/performance.md).
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)  # 0 turns the cache off
# How long a browser may reuse a cached page without asking; after that it revalidates (ETag, 304).
# Short: a browser cannot be purged. CDNs keep pages PAGE_CACHE_SECONDS (s-maxage) and are purged.
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=60)
# The only query parameters that key a cached page: those public views read (pagination, search,
# the treatments index's category, the articles' tag and treatment filters, the gallery's and the
# consultation form's treatment and clinic). Any other parameter is served the page's
# entry, so `?x=<random>` cannot fill the cache. A view that reads a new parameter must add it here.
PAGE_CACHE_KEY_PARAMS = ("page", "p", "q", "treatment", "clinic", "category", "tag")
# Requests whose kept query string is longer than this are served but never stored.
PAGE_CACHE_MAX_QUERY_LENGTH = 200
PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/documents/")
# With the session cookie (SESSION_COOKIE_NAME, always checked), these mark visitors whose pages
# may differ: a flash message waiting to be shown.
PAGE_CACHE_BYPASS_COOKIES = ("messages",)
# Tracking parameters say where a visitor came from, never what the page shows (none is in
# PAGE_CACHE_KEY_PARAMS: each ad click carries a unique click id); leads.attribution reads these and
# only these from a landing URL.
PAGE_CACHE_IGNORED_PARAMS = (
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "utm_id",
    "gclid",
    "gbraid",
    "wbraid",
    "fbclid",
    "msclkid",
    "ttclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
)
