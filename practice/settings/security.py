"""Security headers, staff sign-in (lockout, second factor, session length) and who is trusted
(docs/security.md)."""

from .environment import env

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
