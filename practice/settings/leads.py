"""The leads app's settings: consultation requests, their consent, attribution, anti-abuse and retention."""

from django.core.exceptions import ImproperlyConfigured

from .environment import env

# Consultation requests (leads). See docs/leads.md and docs/data-protection.md.
LEADS_PRACTICE_INBOX = env.list("LEADS_PRACTICE_INBOX", default=[])
LEADS_PATIENT_CONFIRMATION = env.bool("LEADS_PATIENT_CONFIRMATION", default=False)
# The consent to be contacted is worded in the admin (Snippets > Consent wording, leads.ConsentVersion);
# migration leads/0013 made its version 1 from LEADS_CONSENT_TEXT, read from the environment then.
# A second, optional box: newsletters and offers, stored apart from consent to be contacted.
LEADS_MARKETING_CONSENT_VERSION = env.str("LEADS_MARKETING_CONSENT_VERSION", default="2026-11-1")
# Empty: the shipped wording, translated into each language (leads.models.consent.marketing_wording);
# a practice's own wording is shown as written in every language.
LEADS_MARKETING_CONSENT_TEXT = env.str("LEADS_MARKETING_CONSENT_TEXT", default="")
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
