"""Passkeys (WebAuthn, through django-otp-webauthn): a second factor beside the authenticator app.

A passkey is a django-otp device: signing in with one stores it in the session as a right code
stores the app, so everything that enforces the second factor accepts it. Only a session that has
already passed the second factor adds a passkey (a password alone must never add a way in), and an
administrator's reset removes passkeys with the app (staff.second_factor.reset).
"""

from django.db import transaction
from django_otp_webauthn.models import WebAuthnCredential

from .models import AccountAction, StaffAccountEvent


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def has_passkey(user):
    return passkeys_of(user).exists()


def may_add(user):
    """Whether `user`'s session may add a passkey: only one that passed the second factor."""
    return user.is_authenticated and user.is_verified()


def record_added(user):
    return StaffAccountEvent.record(actor=user, subject=user, action=AccountAction.PASSKEY_ADDED)


@transaction.atomic
def remove(user, passkey_id):
    """Remove one of `user`'s own passkeys, recorded. Returns False when they have no such passkey."""
    passkey = passkeys_of(user).filter(pk=passkey_id).first()
    if passkey is None:
        return False
    passkey.delete()
    StaffAccountEvent.record(actor=user, subject=user, action=AccountAction.PASSKEY_REMOVED)
    return True
