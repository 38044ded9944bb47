"""Local development: DEBUG on, SQLite by default, mail printed to the console."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, OTP_WEBAUTHN_RP_ID, env

DEBUG = True
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret")  # noqa: S105
# Development only: an IP hash key derived from SECRET_KEY; production requires its own.
LEADS_IP_HASH_KEY = env.str("LEADS_IP_HASH_KEY", default="") or f"leads.ip-hash:{SECRET_KEY}"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Readable lines in a terminal; production writes JSON.
LOGGING["handlers"]["console"]["formatter"] = env.str("DJANGO_LOG_FORMAT", default="text")  # noqa: F405
# The demo practice loader (`make run`), with its default admin password: never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
# Browsers refuse passkeys for an IP address, such as the default admin address 127.0.0.1: in
# development, passkeys then work at http://localhost:8000/admin/.
if OTP_WEBAUTHN_RP_ID == "127.0.0.1":
    OTP_WEBAUTHN_RP_ID = "localhost"
    OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost:8000"]
