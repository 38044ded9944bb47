"""How long a signed-in session lasts: a working day at most, and an idle hour.

Times are kept in the session itself (seconds since the epoch), so they hold on every server.
"""

import time

from django.conf import settings

SIGNED_IN_AT = "staff_signed_in_at"
LAST_SEEN_AT = "staff_last_seen_at"
# The last-seen stamp is rewritten at most this often, not on every request (a session write each).
LAST_SEEN_GRANULARITY_SECONDS = 60


def start(session):
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


def has_expired(session):
    """True when the session is older than STAFF_SESSION_MAX_SECONDS or idle past STAFF_SESSION_IDLE_SECONDS."""
    now = int(time.time())
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is None or last_seen_at is None:
        return True  # a session from before these limits: sign in again once
    return (
        now - signed_in_at > settings.STAFF_SESSION_MAX_SECONDS
        or now - last_seen_at > settings.STAFF_SESSION_IDLE_SECONDS
    )


def touch(session):
    now = int(time.time())
    if now - session.get(LAST_SEEN_AT, 0) >= LAST_SEEN_GRANULARITY_SECONDS:
        session[LAST_SEEN_AT] = now
