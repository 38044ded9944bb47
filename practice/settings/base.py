"""Settings shared by every environment; deploy-time values come from the environment.

The one entry point dev, test and production import: each concern with many settings has its own
module here (logs, security, caching, languages, leads, analytics), star-imported so they read as one.
"""

from urllib.parse import urlsplit

from .analytics import *  # noqa: F403
from .caching import *  # noqa: F403
from .environment import BASE_DIR, PROJECT_DIR, env  # noqa: F401  # PROJECT_DIR: a setting, as before
from .languages import *  # noqa: F403
from .leads import *  # noqa: F403
from .logs import *  # noqa: F403
from .security import *  # noqa: F403
from .security import CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN

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
    "clinics",
    "leads",
    "appointments",
    "frontdesk",
    "analytics",
    "search",
    "team",
    "gallery",
    "testimonials",
    "compliance",
    "staff",
    "wagtail_localize",
    "wagtail_localize.locales",
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
    "django_otp_webauthn",
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
    # Above the page cache too, so views it answers are counted like those Django renders (hits
    # answered before Django are counted by a hit hook: analytics/apps.py).
    "analytics.middleware.PageViewMiddleware",
    # First below them, so a cached page skips everything else; the headers they add are stored with it.
    "practice.cache.PageCacheMiddleware",
    # Just below the page cache, so the page it stores and the page a miss returns are both compact.
    "practice.compact_html.CompactHtmlMiddleware",
    # The URL's prefix names the language (never Accept-Language, so pages stay storable); before
    # the site's memo, which finds the root page in that language.
    "practice.languages.PathLanguageMiddleware",
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
# PostgreSQL cancels a statement running longer than this many seconds (0: never). Set for the web
# process only (docs/deploy.md): gunicorn killed a stuck worker, granian has no per-request timeout.
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=0)
if DATABASE_STATEMENT_TIMEOUT and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"
    )
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

TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Europe/London")
LOCALE_PATHS = [BASE_DIR / "locale"]  # patients' strings translated: docs/translations-strings.md
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
    "staticfiles": {"BACKEND": "practice.staticfiles.ManifestStaticStorage"},
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
# The name authenticator apps show beside a staff member's codes (staff/, docs/security.md).
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Passkeys (django-otp-webauthn) are a second factor after the password, never a way round it, and
# are bound to the admin's own address: browsers accept them only from this origin.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID = urlsplit(WAGTAILADMIN_BASE_URL).hostname
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(WAGTAILADMIN_BASE_URL))]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]

# Error pages show the practice's phone and hours from this file when the database is down
# (practice/contact.py); written on every save of the practice details and at deploy.
PRACTICE_CONTACT_SNAPSHOT = env.path(
    "PRACTICE_CONTACT_SNAPSHOT", default=BASE_DIR / "var" / "practice-contact.json"
)

CSRF_FAILURE_VIEW = "practice.views.csrf_failure"

PHONENUMBER_DEFAULT_REGION = env.str("PHONENUMBER_DEFAULT_REGION", default="GB")

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

# Wagtail's own tasks (search and reference index) run in the request, so editors need no worker.
# Lead notifications go through a durable database queue that `manage.py db_worker` works through.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "leads": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["leads"]},
}

# Patient trust: how often clinical content is re-reviewed, and the advertising-rules check on publish.
CLINICAL_REVIEW_INTERVAL_MONTHS = env.int("CLINICAL_REVIEW_INTERVAL_MONTHS", default=12)
ADVERTISING_RULES_ENABLED = env.bool("ADVERTISING_RULES_ENABLED", default=True)
