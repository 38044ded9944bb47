"""Admin pages for the second factor (verify, enrol, recovery codes, passkeys) and for unlocking colleagues."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp_webauthn import exceptions as passkey_errors
from django_otp_webauthn import views as passkey_views

from . import lockout, passkeys, second_factor
from .forms import CodeForm
from .models import StaffAccountEvent

THROTTLED = "Too many wrong codes in a row. Wait a minute, then try again."


def _next_url(request):
    """Where to go after the second factor: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """After the password: a code from the app or a recovery code."""
    user = request.user
    if user.is_verified() or not second_factor.is_enrolled(user):
        return redirect(_next_url(request) if user.is_verified() else reverse("staff_enrol"))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if second_factor.is_throttled(user):
            form.add_error("code", THROTTLED)
        elif second_factor.verify(request, form.cleaned_data["code"]):
            if not second_factor.recovery_codes_left(user):
                messages.warning(
                    request, "You have no recovery codes left: make new ones under Two-factor sign-in."
                )
            return redirect(_next_url(request))
        else:
            form.add_error("code", "That code is not right. Codes from the app change every 30 seconds.")
    context = {"form": form, "next": _next_url(request), "has_passkey": passkeys.has_passkey(user)}
    return TemplateResponse(request, "staff/verify.html", context)


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    """Set up an authenticator app: scan the QR code, type one code; then the recovery codes, once."""
    user = request.user
    # Replacing an app needs the old one first: a stolen password alone must not enrol a new phone.
    if second_factor.is_enrolled(user) and not user.is_verified():
        return redirect(f"{reverse('staff_verify')}?next={reverse('staff_enrol')}")
    device = second_factor.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if second_factor.is_throttled(user) or not device.verify_is_allowed()[0]:
            form.add_error("code", THROTTLED)
        else:
            codes = second_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
            if codes is not None:
                context = {"codes": codes, "next": _next_url(request)}
                return TemplateResponse(request, "staff/recovery_codes.html", context)
            form.add_error(
                "code", "That code is not right. Check the phone's clock, then type the code shown now."
            )
    context = {"form": form, "enrolment": second_factor.Enrolment(device), "next": _next_url(request)}
    return TemplateResponse(request, "staff/enrol.html", context)


@never_cache
def account(request):
    """The signed-in user's own second factor: whether it is on, recovery codes left, new codes."""
    user = request.user
    if request.method == "POST":
        if not (second_factor.is_enrolled(user) and user.is_verified()):
            raise PermissionDenied
        context = {"codes": second_factor.new_recovery_codes(user), "next": reverse("staff_two_factor")}
        return TemplateResponse(request, "staff/recovery_codes.html", context)
    context = {
        "enrolled": second_factor.is_enrolled(user),
        "required": second_factor.is_required(user),
        "codes_left": second_factor.recovery_codes_left(user),
        "passkeys": passkeys.passkeys_of(user),
        "may_add_passkey": passkeys.may_add(user),
    }
    return TemplateResponse(request, "staff/account.html", context)


@require_POST
def remove_passkey(request, passkey_id):
    if not passkeys.remove(request.user, passkey_id):
        messages.error(request, "That passkey is not one of yours, or it was already removed.")
    else:
        messages.success(request, "The passkey was removed: it no longer signs you in.")
    return redirect("staff_two_factor")


class PasskeyRegistrationRules:
    """django-otp-webauthn's registration, only from a session that passed the second factor.

    The package alone lets an account with no device yet add a passkey after its password; here a
    passkey is added beside the app, never instead of enrolling it.
    """

    messages = {"user_not_verified": "Sign in with your authenticator app first, then add a passkey."}

    def check_can_register(self):
        if not passkeys.may_add(self.request.user):
            raise passkey_errors.NotVerified(detail=self.messages["user_not_verified"])


class BeginPasskeyRegistration(PasskeyRegistrationRules, passkey_views.BeginCredentialRegistrationView):
    pass


class CompletePasskeyRegistration(PasskeyRegistrationRules, passkey_views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        passkeys.record_added(self.request.user)
        return response


class CompletePasskeyVerification(passkey_views.CompleteCredentialAuthenticationView):
    """django-otp-webauthn's check of a passkey, going on to the page asked for as a code does."""

    def get_success_url(self):
        return _next_url(self.request)


@permission_required("auth.change_user", raise_exception=True)
def sign_in_locks(request):
    """Every admin user with their lock and second-factor state, and the last things done to accounts."""
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    rows = [
        {
            "user": user,
            "locked": lockout.is_locked_out(user.get_username()),
            "enrolled": second_factor.is_enrolled(user),
            "required": second_factor.is_required(user),
        }
        for user in users
    ]
    events = StaffAccountEvent.objects.all()[:50]
    return TemplateResponse(request, "staff/sign_in_locks.html", {"rows": rows, "events": events})


@require_POST
@permission_required("auth.change_user", raise_exception=True)
def unlock(request, user_id):
    subject = get_object_or_404(get_user_model(), pk=user_id)
    lockout.unlock(actor=request.user, subject=subject)
    messages.success(request, f"{subject.get_username()} can sign in again.")
    return redirect("staff_sign_in_locks")


@require_POST
@permission_required("auth.change_user", raise_exception=True)
def reset_second_factor(request, user_id):
    subject = get_object_or_404(get_user_model(), pk=user_id)
    second_factor.reset(actor=request.user, subject=subject)
    messages.success(
        request, f"{subject.get_username()} will set up two-factor sign-in again when they next sign in."
    )
    return redirect("staff_sign_in_locks")
