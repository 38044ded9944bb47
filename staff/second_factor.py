"""Two-factor sign-in for staff: who must use it, enrolment, verification, recovery codes, reset.

Built on django-otp's devices: a TOTP device (an authenticator app), a static device holding
single-use recovery codes, and any passkeys (staff.passkeys). A session counts as verified once
django-otp's `login` has stored the device that accepted a code or a passkey (staff.middleware
checks it on every admin request).
"""

from base64 import b32encode
from functools import cached_property

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .models import AccountAction, StaffAccountEvent

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


def is_required(user):
    """Whether `user` must pass a second factor to use the admin.

    Superusers and members of STAFF_TWO_FACTOR_GROUPS (those who see leads or publish pages) must;
    anyone else who has set one up must use it too, so turning it on can never weaken an account.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.groups.filter(name__in=settings.STAFF_TWO_FACTOR_GROUPS).exists():
        return True
    return is_enrolled(user)


def is_enrolled(user):
    """Whether `user` has a confirmed authenticator app."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_authenticator(user):
    """The unconfirmed authenticator being enrolled, created with a fresh secret if there is none."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


class Enrolment:
    """What the enrolment page shows: the secret as a QR code (SVG, made here) and as text."""

    def __init__(self, device):
        self.device = device

    @cached_property
    def qr_svg(self):
        # Drawn locally: the secret never leaves the server, not even to a QR code service.
        return segno.make(self.device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff")

    @property
    def secret(self):
        """The base32 secret, grouped in fours for typing into an app by hand."""
        encoded = b32encode(self.device.bin_key).decode()
        return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


@transaction.atomic
def confirm_enrolment(request, device, code):
    """Confirm `device` with a code from the app; verify the session; return new recovery codes.

    Returns None when the code is wrong (the device's throttling counts it).
    """
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    django_otp.login(request, device)
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replace `user`'s recovery codes with RECOVERY_CODE_COUNT fresh ones, each good once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_CODES_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def verify(request, code):
    """Check `code` against the user's app, then their recovery codes; on success verify the session.

    A recovery code is deleted as it is used. Returns the device that accepted the code, or None.
    Each device throttles its own failures (django-otp doubles the wait after each one).
    """
    code = "".join(code.split()).lower()
    user = request.user
    with transaction.atomic():
        for device in django_otp.devices_for_user(user, for_verify=True):
            if device.verify_token(code):
                django_otp.login(request, device)
                return device
    return None


def is_throttled(user):
    """Whether every code device of `user` is waiting out failed codes (their next try would be refused).

    Passkeys are left out: they take no typed code, so they never wait, and would hide the wait.
    """
    devices = [
        *TOTPDevice.objects.devices_for_user(user, confirmed=True),
        *StaticDevice.objects.devices_for_user(user, confirmed=True),
    ]
    return bool(devices) and not any(device.verify_is_allowed()[0] for device in devices)


@transaction.atomic
def reset(*, actor, subject):
    """Remove `subject`'s app, recovery codes and passkeys, so they enrol again at their next sign-in; recorded."""
    TOTPDevice.objects.filter(user=subject).delete()
    StaticDevice.objects.filter(user=subject).delete()
    WebAuthnCredential.objects.filter(user=subject).delete()
    return StaffAccountEvent.record(actor=actor, subject=subject, action=AccountAction.SECOND_FACTOR_RESET)
