"""Defences of the public consultation form that need no third-party service.

The form is embedded in pages served from a shared page cache, so it cannot use Django's
per-visitor CSRF cookie. Instead: cross-site POSTs are refused by their Origin and
Sec-Fetch-Site headers, a signed token proves the form came from this site and when, a
honeypot catches form-filling bots, and a per-IP rate limit caps floods.

Only what a bot does (the honeypot, sending faster than a person types) files a request as spam,
unseen. A missing or forged token can also be a key rotation or a stale page, so that request is
kept as "needs review" and the practice is told.
"""

import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

from practice.http import client_network

from .models import Lead

TOKEN_SALT = "leads.form-token"  # noqa: S105  # nosec B105: a signing namespace, not a secret


class SpamReason:
    """Why a valid-looking submission was set aside as spam or for review (stored on the lead)."""

    HONEYPOT = "honeypot filled in"
    TOO_FAST = "sent too fast after the form was shown"
    BAD_TOKEN = "missing or forged form token"  # noqa: S105  # nosec B105: a reason, not a secret


@dataclass(frozen=True)
class FormToken:
    """What the signed form token says: a random nonce and when the form was shown."""

    nonce: str
    issued_at: float

    @property
    def age(self):
        return time.time() - self.issued_at


class TokenExpired(Exception):
    """The form was shown longer ago than LEADS_FORM_MAX_AGE_SECONDS; `token` is what it said."""

    def __init__(self, token):
        super().__init__(token)
        self.token = token


def make_form_token(*, issued_at=None):
    issued_at = time.time() if issued_at is None else issued_at
    return signing.dumps({"n": secrets.token_hex(16), "t": issued_at}, salt=TOKEN_SALT)


def read_form_token(value):
    """The token's content; None when missing or forged; TokenExpired when simply too old."""
    try:
        data = signing.loads(value or "", salt=TOKEN_SALT)
        token = FormToken(nonce=str(data["n"]), issued_at=float(data["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if token.age > settings.LEADS_FORM_MAX_AGE_SECONDS:
        raise TokenExpired(token)
    return token


def make_retry_token(token):
    """The token of a form shown again after an error, from the `token` it was sent with.

    It keeps the time the form was first shown, so the fill-time check measures the whole visit
    and a patient who fixes one field and resends at once is not taken for a bot. An expired
    token was still ours, shown long ago: the new one starts just old enough to pass, since the
    patient is only asked to send again. Missing or forged (None): the clock starts now.
    """
    if token is None:
        return make_form_token()
    if token.age > settings.LEADS_FORM_MAX_AGE_SECONDS:
        return make_form_token(issued_at=time.time() - settings.LEADS_FORM_MIN_SECONDS)
    return make_form_token(issued_at=token.issued_at)


def screen(*, token, honeypot):
    """The status and reason a valid submission is stored with, from its token and honeypot."""
    if honeypot:
        return Lead.Status.SPAM, SpamReason.HONEYPOT
    if token is None:
        return Lead.Status.NEEDS_REVIEW, SpamReason.BAD_TOKEN
    if token.age < settings.LEADS_FORM_MIN_SECONDS:
        return Lead.Status.SPAM, SpamReason.TOO_FAST
    return Lead.Status.NEW, ""


def ip_hash(request):
    """A keyed hash of the visitor's address (an IPv6 visitor's /64): links abuse from one
    address, never reveals it. Prefixed with the key's version, so hashes made with an earlier key
    are told apart after a rotation."""
    digest = salted_hmac(
        "leads.ip", client_network(request), secret=settings.LEADS_IP_HASH_KEY, algorithm="sha256"
    ).hexdigest()
    return f"v{settings.LEADS_IP_HASH_KEY_VERSION}:{digest}"


def is_rate_limited(request):
    return is_ratelimited(
        request,
        group="leads.consultation",
        key=lambda group, request: ip_hash(request),
        rate=settings.LEADS_RATE_LIMIT,
        increment=True,
    )


def allowed_origins(request):
    return {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def is_same_site_post(request):
    """True when the browser says the POST came from one of our own pages.

    Browsers send Origin on every POST; Sec-Fetch-Site, where sent, must say same-origin unless
    the origin is one we trust. Requests carrying neither Origin nor a Referer from us are
    refused: they come from scripts, not from someone filling in the form.
    """
    origins = allowed_origins(request)
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if origin is None:
        try:
            referrer = urlsplit(request.headers.get("Referer", ""))
        except ValueError:
            return False
        origin = f"{referrer.scheme}://{referrer.netloc}" if referrer.netloc else None
    if origin not in origins:
        return False
    return fetch_site in (None, "same-origin") or origin in settings.CSRF_TRUSTED_ORIGINS
