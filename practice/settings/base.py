"""Settings shared by every environment; deploy-time values come from the environment."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
# Previous keys, still accepted when verifying (not when signing): a key rotation leaves the forms
# on screen and in the page cache, sessions and password-reset links valid (docs/security.md).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "practice",
    "treatments",
    "leads",
    "frontdesk",
    "search",
    "team",
    "gallery",
    "testimonials",
    "compliance",
    "staff",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Above the page cache, so a visitor served a cached page still gets their own first-touch
    # attribution cookie; the cookie is added on the way out, after the page was stored, so the
    # shared copy never holds anyone's Set-Cookie.
    "leads.middleware.AttributionMiddleware",
    # First below it, so a cached page skips everything else; the headers they add are stored with it.
    "practice.cache.PageCacheMiddleware",
    "practice.memo.MemoisedSiteMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "practice.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signed-in sessions end after a working day or an idle hour; then the second factor is asked
    # for before any admin page (staff/middleware.py, docs/security.md).
    "staff.middleware.StaffSessionMiddleware",
    "staff.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "compliance.middleware.PublishingBlockedMiddleware",
    # Turns a sign-in refused by the per-username limit into its 429 page, as axes does for its own.
    "staff.middleware.UsernameLockoutMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "practice.urls"
WSGI_APPLICATION = "practice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite under var/ is the zero-set-up default; production and tests use PostgreSQL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# A connection dropped by a database restart is replaced on the next request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes, then the per-username limit: both refuse a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",  # also a ModelBackend, so test helpers that log in through the first backend work
    "staff.backends.UsernameLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Uploads are normally served by the web server in front; Django can when there is none (the bench).
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Large page forms in the editor exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Practice website <website@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="Practice website")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_I18N_ENABLED = False

# Error pages show the practice's phone and hours from this file when the database is down
# (practice/contact.py); written on every save of the practice details and at deploy.
PRACTICE_CONTACT_SNAPSHOT = env.path(
    "PRACTICE_CONTACT_SNAPSHOT", default=BASE_DIR / "var" / "practice-contact.json"
)

CSRF_FAILURE_VIEW = "practice.views.csrf_failure"

# --- Logs and error reports (practice/log.py) ----------------------------------------------------
# JSON lines on stderr for the process manager to collect; DJANGO_LOG_FORMAT=text for people.
ADMINS = [(email, email) for email in env.list("DJANGO_ADMINS", default=[])]
MANAGERS = ADMINS
DEFAULT_EXCEPTION_REPORTER = "practice.log.PrivateExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "practice.log.PrivateExceptionReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "practice.log.PrivateJsonFormatter",
            "fmt": "{asctime}{levelname}{name}{message}",
            "style": "{",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("DJANGO_LOG_FORMAT", default="json"),
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
        # Bots send wrong Host headers all day: worth a log line, not an email each.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
    },
}
PHONENUMBER_DEFAULT_REGION = env.str("PHONENUMBER_DEFAULT_REGION", default="GB")

# --- Security headers (docs/security.md) ---------------------------------------------------------
# Public pages: everything is served from this site; no inline script or style, no third party.
# Nothing here uses a nonce, so a page replayed from the page cache carries a valid policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Wagtail's admin still uses inline scripts and style attributes, and frames its own previews;
# practice.middleware picks this policy for the paths below.
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/",)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features the site never uses, switched off for it and anything it frames.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
SESSION_COOKIE_HTTPONLY = True
# No run-time call to the internet: no Wagtail release check, no Gravatar avatars in the admin.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Admin login brute-force protection (django-axes) --------------------------------------------
# Five wrong passwords for one username from one address lock that pair out for an hour. Locking
# by username alone would let anyone lock the front desk out; by address alone, a whole office.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Only failures are recorded (no log of every staff login), and logs mask who tried from where.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
AXES_CLIENT_IP_CALLABLE = "practice.http.client_ip"
# Axes counts (username, address) pairs, which never stops slow guessing from many addresses: a
# username is also locked after this many failures from anywhere within the window (staff/lockout.py).
# High enough that a whole office mistyping never reaches it; an administrator unlocks in the admin.
STAFF_USERNAME_FAILURE_LIMIT = env.int("STAFF_USERNAME_FAILURE_LIMIT", default=20)
STAFF_USERNAME_FAILURE_WINDOW_HOURS = env.int("STAFF_USERNAME_FAILURE_WINDOW_HOURS", default=24)

# --- Staff sign-in: second factor and session length (staff/, docs/security.md) -------------------
# Everyone in these groups, and every superuser, signs in with a password and an authenticator code:
# they see patients' requests or publish pages. Anyone else may turn it on for themselves.
STAFF_TWO_FACTOR_GROUPS = env.list(
    "STAFF_TWO_FACTOR_GROUPS", default=["Front desk", "Clinicians", "Moderators"]
)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# A signed-in session ends after a working day, and after an hour without a request.
STAFF_SESSION_MAX_SECONDS = env.int("STAFF_SESSION_MAX_SECONDS", default=10 * 3600)
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=3600)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS

# /healthz shows queue counts and alarms only to these networks (the monitor, the load balancer);
# anyone else gets the status alone. Default: loopback and the private ranges.
HEALTHZ_DETAIL_NETWORKS = env.list(
    "HEALTHZ_DETAIL_NETWORKS",
    default=["127.0.0.0/8", "::1", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
)

# Addresses or networks of our reverse proxies (load balancer, nginx): X-Forwarded-For is believed
# only from them (practice/http.py). Empty: the connection's address is the visitor's.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

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

# Uploaded images and documents on S3-compatible storage when a bucket is named, so app servers
# keep nothing on their disks. Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or
# the machine's role, as boto3 finds them.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            # Public images need plain URLs that the page cache can keep; nothing private is uploaded.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
    # The bucket (or its custom domain) serves images: the one other origin pages may load from.
    _options = STORAGES["default"]["OPTIONS"]
    if _options["custom_domain"]:
        MEDIA_ORIGIN = f"https://{_options['custom_domain']}"
    elif _options["endpoint_url"]:
        MEDIA_ORIGIN = _options["endpoint_url"].rstrip("/")
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(MEDIA_ORIGIN)
    CONTENT_SECURITY_POLICY_ADMIN["img-src"].append(MEDIA_ORIGIN)

# A CDN or caching proxy in front of the app servers is purged by Wagtail when a page is published
# (wagtail.contrib.frontend_cache): an HTTP PURGE endpoint (Varnish, nginx) and/or Cloudflare.
WAGTAILFRONTENDCACHE = {}
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
    }
if env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Full-page cache for anonymous visitors (practice/cache.py, docs/performance.md).
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)  # 0 turns the cache off
# How long a browser may reuse a cached page without asking; after that it revalidates (ETag, 304).
# Short: a browser cannot be purged. CDNs keep pages PAGE_CACHE_SECONDS (s-maxage) and are purged.
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=60)
# The only query parameters that key a cached page: those public views read (pagination, search,
# the gallery's and the consultation form's treatment). Any other parameter is served the page's
# entry, so `?x=<random>` cannot fill the cache. A view that reads a new parameter must add it here.
PAGE_CACHE_KEY_PARAMS = ("page", "p", "q", "treatment")
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


# Wagtail's own tasks (search and reference index) run in the request, so editors need no worker.
# Lead notifications go through a durable database queue that `manage.py db_worker` works through.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "leads": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["leads"]},
}

# Consultation requests (leads). See docs/leads.md and docs/data-protection.md.
LEADS_PRACTICE_INBOX = env.list("LEADS_PRACTICE_INBOX", default=[])
LEADS_PATIENT_CONFIRMATION = env.bool("LEADS_PATIENT_CONFIRMATION", default=False)
# The consent to be contacted is worded in the admin (Snippets > Consent wording, leads.ConsentVersion);
# migration leads/0013 made its version 1 from LEADS_CONSENT_TEXT, read from the environment then.
# A second, optional box: newsletters and offers, stored apart from consent to be contacted.
LEADS_MARKETING_CONSENT_VERSION = env.str("LEADS_MARKETING_CONSENT_VERSION", default="2026-11-1")
LEADS_MARKETING_CONSENT_TEXT = env.str(
    "LEADS_MARKETING_CONSENT_TEXT",
    default="I would also like occasional news and offers from the practice by email (optional).",
)
# First-touch attribution cookie (docs/data-protection.md): "consent" asks first (UK/EU law for a
# cookie that is not strictly necessary), "always" sets it without asking, "never" sets none.
LEADS_ATTRIBUTION_COOKIE = env.str("LEADS_ATTRIBUTION_COOKIE", default="consent")
if LEADS_ATTRIBUTION_COOKIE not in ("always", "consent", "never"):
    raise ImproperlyConfigured("LEADS_ATTRIBUTION_COOKIE must be always, consent or never.")
LEADS_REPEAT_WINDOW_DAYS = env.int("LEADS_REPEAT_WINDOW_DAYS", default=30)
# Unit of the notification retry backoff (1, 2, 4 ... units, at most an hour); the fault scripts
# shorten it so retries happen within seconds.
LEADS_RETRY_UNIT_SECONDS = env.int("LEADS_RETRY_UNIT_SECONDS", default=60)
LEADS_RATE_LIMIT = env.str("LEADS_RATE_LIMIT", default="10/10m")
# The key of the IP address hash (leads/abuse.py), apart from SECRET_KEY so rotating that never
# changes stored hashes or rate-limit keys. Raise the version with a new key: hashes carry it.
LEADS_IP_HASH_KEY = env.str("LEADS_IP_HASH_KEY", default="")
LEADS_IP_HASH_KEY_VERSION = env.int("LEADS_IP_HASH_KEY_VERSION", default=1)
LEADS_FORM_MIN_SECONDS = env.int("LEADS_FORM_MIN_SECONDS", default=3)
# Longer than any page stays in the page cache, or cached forms would carry expired tokens.
LEADS_FORM_MAX_AGE_SECONDS = env.int("LEADS_FORM_MAX_AGE_SECONDS", default=14 * 24 * 3600)
# Leads nobody has touched for this many days lose their personal data (apply_lead_retention).
LEADS_RETENTION_DAYS = env.int("LEADS_RETENTION_DAYS", default=730)
# Spam is kept only to audit false positives, so for much less (docs/data-protection.md).
LEADS_SPAM_RETENTION_DAYS = env.int("LEADS_SPAM_RETENTION_DAYS", default=90)
# Patient trust: how often clinical content is re-reviewed, and the advertising-rules check on publish.
CLINICAL_REVIEW_INTERVAL_MONTHS = env.int("CLINICAL_REVIEW_INTERVAL_MONTHS", default=12)
ADVERTISING_RULES_ENABLED = env.bool("ADVERTISING_RULES_ENABLED", default=True)
