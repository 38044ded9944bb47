"""Middleware for staff sessions: lifetime limits, the per-username lockout page, the second factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp.middleware import OTPMiddleware

from . import second_factor, sessions

# Admin URLs a signed-in user reaches before the second factor: signing in and out, the two
# second-factor pages, what the admin's own pages load, and the passkey endpoints (a passkey is a
# second factor; adding one answers "verify first" in JSON itself, staff.views).
BEFORE_SECOND_FACTOR = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "staff_verify",
        "staff_enrol",
        "otp_webauthn:credential-authentication-begin",
        "otp_webauthn:credential-authentication-complete",
        "otp_webauthn:credential-registration-begin",
        "otp_webauthn:credential-registration-complete",
        "otp_webauthn:js-i18n-catalog",
    }
)


class StaffSessionMiddleware:
    """Signs out a session older than a working day or idle for an hour (settings STAFF_SESSION_*)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only with a session cookie: reading the session of an anonymous visitor would make the
        # response vary on Cookie and keep it out of the page cache.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            if sessions.has_expired(request.session):
                logout(request)
                messages.info(request, "Your session has ended. Please sign in again.")
            else:
                sessions.touch(request.session)
        return self.get_response(request)


class UsernameLockoutMiddleware:
    """Answers 429 with an explanation when the per-username limit refused a sign-in (staff.backends)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "staff_username_locked", False):
            return render(request, "staff/username_locked.html", status=429)
        return response


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (it sets `request.user.is_verified()`), plus enforcement in the admin.

    A user who must use a second factor (staff.second_factor.is_required) and has not passed it in
    this session is sent to enrol or to type a code before any admin page other than those above.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        if request.resolver_match.view_name in BEFORE_SECOND_FACTOR:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not second_factor.is_required(user):
            return None
        step = "staff_verify" if second_factor.is_enrolled(user) else "staff_enrol"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
