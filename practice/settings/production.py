"""Production: every secret comes from the environment, and a missing one stops start-up."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False

# No default on purpose: a generated throwaway key would sign sessions nobody can verify later.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not SECRET_KEY or not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS must both be set. (On a workstation, "
        "DJANGO_SETTINGS_MODULE=practice.settings.dev, as `make run` sets, uses the development settings.)"
    )
# Its own key, so that rotating DJANGO_SECRET_KEY never changes IP hashes or rate-limit keys.
LEADS_IP_HASH_KEY = env.str("LEADS_IP_HASH_KEY")
if not LEADS_IP_HASH_KEY:
    raise ImproperlyConfigured("LEADS_IP_HASH_KEY must be set (docs/security.md, 'Keys').")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# The load balancer asks for /healthz over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Any http:// link an editor pastes is fetched over HTTPS instead.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405
CONTENT_SECURITY_POLICY_ADMIN["upgrade-insecure-requests"] = True  # noqa: F405
