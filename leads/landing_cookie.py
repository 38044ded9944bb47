"""The attribution cookie's value: a landing (path and query) and its external referrer, timestamped
and signed. What they mean is leads.landing's to read back (Attribution.from_landing).

Every ad click answered from the page cache writes one, so the format is the one that costs least to
write: `v2.<unix time>.<base64 of landing "\\n" referrer>.<base64 MAC of what precedes>`, where base64
is the standard alphabet (`+`, `/` and `=` are allowed in a cookie value; "." is not in it).
No JSON and no zlib: the campaign and click id are in the landing's query already. The MAC is keyed
BLAKE2b (RFC 7693; Python's hashlib documents it as a faster, simpler replacement for HMAC) under a
key derived from SECRET_KEY, and one from each of SECRET_KEY_FALLBACKS for reading, once per process
(`keyed_mac`); each signature copies the keyed state rather than hashing the key block again.
Measured in-process, HMAC-SHA256 through OpenSSL 3 (`hmac.digest`) cost 4-5 times as much per
signature: OpenSSL sets up its digest again on every call.
"""

import hashlib
import hmac
import time
from binascii import a2b_base64, b2a_base64

from django.core import signing
from django.utils.encoding import force_bytes

VERSION = "v2"
VERSION_BYTES = VERSION.encode()
# Landing and referrer are each cut to leads.attribution.URL_LENGTH (1,000) characters before they
# get here; cutting their UTF-8 as well keeps the value under the 4 KB browsers accept, whatever
# characters a hostile Referer holds.
PAYLOAD_BYTES = 2001
KEY_PURPOSE = b"leads.landing_cookie.v2"


def keyed_mac(secret_key):
    """The cookie's MAC under one of settings' secret keys, keyed and ready to copy: BLAKE2b under
    a key derived from it (64 bytes, BLAKE2b's longest key), used for nothing else."""
    key = hmac.digest(force_bytes(secret_key), KEY_PURPOSE, "sha512")
    return hashlib.blake2b(key=key, digest_size=32)


def signature(mac, signed):
    """The base64 MAC of the bytes `signed` (ASCII: what precedes the MAC in a value)."""
    mac = mac.copy()
    mac.update(signed)
    return b2a_base64(mac.digest(), newline=False)


def is_signed(mac, signed, given):
    return hmac.compare_digest(signature(mac, signed.encode()), given.encode())


def signed_value(landing, referrer, mac):
    """The cookie's value keeping `landing` and `referrer`, signed with `mac` (a `keyed_mac`).
    Built as bytes, decoded once: every ad click answered from the page cache writes one."""
    data = b2a_base64(f"{landing}\n{referrer}".encode()[:PAYLOAD_BYTES], newline=False)
    signed = b"%s.%d.%s" % (VERSION_BYTES, time.time(), data)
    return (b"%s.%s" % (signed, signature(mac, signed))).decode()


def is_current(value):
    """Whether a cookie value is in this format rather than the one before (`read_before_v2`)."""
    return value.startswith(f"{VERSION}.")


def unsigned_value(value, macs, max_age):
    """(landing, referrer) from a cookie value signed with one of `macs` at most `max_age` seconds
    ago, or None. Malformed values raise ValueError or TypeError; read_cookie ignores them."""
    signed, _, given = value.rpartition(".")
    version, timestamp, data = signed.split(".")
    if version != VERSION or not any(is_signed(mac, signed, given) for mac in macs):
        return None
    if int(timestamp) < time.time() - max_age:
        return None
    landing, _, referrer = a2b_base64(data).decode(errors="ignore").partition("\n")
    return landing, referrer


# Cookies set before 2026-12-01 are django.core.signing's signed JSON (zlib over 1,000 characters).
# They last 90 days at most (COOKIE_MAX_AGE): delete this reader, read_cookie's branch that calls it
# and Attribution.from_dict after 2027-03-01.
def read_before_v2(value, *, salt, max_age):
    """The attribution dict of a cookie in the format before v2; raises signing.BadSignature."""
    return signing.loads(value, salt=salt, max_age=max_age)
