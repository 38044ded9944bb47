"""Passkeys: added only after the second factor, accepted in place of a code, removed, reset, recorded.

The WebAuthn endpoints get real requests: a software passkey (tests/passkeys.py) answers the
ceremonies as a browser would, and bad input gets a JSON error that says what is wrong, never a 500.
"""

import json

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from staff import second_factor
from staff.models import AccountAction, StaffAccountEvent
from tests.passkeys import SoftwarePasskey
from tests.second_factor import authenticator, current_code

pytestmark = pytest.mark.django_db

PASSKEYS = "/admin/two-factor/passkeys"


def post_json(client, url, body=None):
    data = body if isinstance(body, str) else json.dumps(body or {})
    return client.post(url, data=data, content_type="application/json")


def add_passkey(client, passkey):
    options = post_json(client, f"{PASSKEYS}/registration/begin/").json()
    return post_json(client, f"{PASSKEYS}/registration/complete/", passkey.register(options))


def use_passkey(client, passkey, next_url="/admin/leads/"):
    options = post_json(client, f"{PASSKEYS}/authentication/begin/").json()
    return post_json(client, f"{PASSKEYS}/authentication/complete/?next={next_url}", passkey.sign_in(options))


@pytest.fixture
def signed_in_with_code(client, sign_in, front_desk):
    """`front_desk` after their password and a right code from their app."""
    device = authenticator(front_desk)
    sign_in(front_desk)
    client.post("/admin/two-factor/verify/", {"code": current_code(device)})
    return front_desk


def test_a_passkey_added_after_the_code_then_stands_in_for_the_code(client, sign_in, signed_in_with_code):
    passkey = SoftwarePasskey()

    added = add_passkey(client, passkey)

    assert added.status_code == 200, added.content
    assert WebAuthnCredential.objects.get(user=signed_in_with_code).pk == added.json()["id"]
    client.post("/admin/logout/")
    sign_in(signed_in_with_code)
    verify_page = client.get("/admin/two-factor/verify/?next=/admin/leads/").content.decode()
    assert 'id="passkey-verification-button"' in verify_page
    assert client.get("/admin/leads/").status_code == 302  # the password alone still opens nothing

    used = use_passkey(client, passkey, next_url="/admin/leads/")

    assert used.status_code == 200, used.content
    assert used.json()["redirect_url"] == "/admin/leads/"
    assert client.get("/admin/leads/").status_code == 200


def test_the_code_page_offers_a_passkey_only_to_those_who_have_one(client, sign_in, front_desk):
    authenticator(front_desk)
    sign_in(front_desk)

    assert "passkey" not in client.get("/admin/two-factor/verify/").content.decode().lower()


def test_after_a_passkey_sign_in_the_page_asked_for_must_be_on_this_site(
    client, sign_in, signed_in_with_code
):
    passkey = SoftwarePasskey()
    add_passkey(client, passkey)
    client.post("/admin/logout/")
    sign_in(signed_in_with_code)

    used = use_passkey(client, passkey, next_url="https://evil.example/")

    assert used.json()["redirect_url"] == "/admin/"


@pytest.mark.parametrize("enrolled", [True, False], ids=["app set up", "nothing set up"])
def test_a_password_alone_cannot_add_a_passkey(client, sign_in, editor, enrolled):
    if enrolled:
        authenticator(editor)
    sign_in(editor)

    response = post_json(client, f"{PASSKEYS}/registration/begin/")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Sign in with your authenticator app first, then add a passkey.",
        "code": "user_not_verified",
    }
    assert not WebAuthnCredential.objects.exists()


def test_a_passkey_from_another_site_is_refused(client, signed_in_with_code):
    response = add_passkey(client, SoftwarePasskey(origin="https://evil.example"))

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_registration_response"
    assert not WebAuthnCredential.objects.exists()


def test_a_colleagues_passkey_does_not_verify_my_session(client, sign_in, signed_in_with_code, manager):
    colleagues = SoftwarePasskey()
    client.force_login(manager)
    add_passkey(client, colleagues)
    client.post("/admin/logout/")
    sign_in(signed_in_with_code)

    response = use_passkey(client, colleagues)

    assert response.status_code == 403
    assert response.json()["code"] == "credential_user_mismatch"
    assert client.get("/admin/leads/").status_code == 302


BAD_BODIES = {
    "not JSON": "{",
    "a JSON list": [],
    "a JSON string": '"hello"',
    "an empty object": {},
    "wrong types": {"id": 1, "rawId": None, "type": "public-key", "response": "x"},
    "undecodable fields": {
        "id": "!!",
        "rawId": "!!",
        "type": "public-key",
        "response": {"clientDataJSON": "!!"},
    },
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
@pytest.mark.parametrize("ceremony", ["registration", "authentication"])
def test_bad_input_to_the_passkey_endpoints_gets_a_clear_error(client, signed_in_with_code, ceremony, body):
    post_json(client, f"{PASSKEYS}/{ceremony}/begin/")

    response = post_json(client, f"{PASSKEYS}/{ceremony}/complete/", body)

    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    assert not WebAuthnCredential.objects.exists()


def test_completing_a_ceremony_never_begun_gets_a_clear_error(client, signed_in_with_code):
    answer = SoftwarePasskey().register({"challenge": "AAAA"})

    response = post_json(client, f"{PASSKEYS}/registration/complete/", answer)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_state"


def test_a_passkey_is_removed_by_its_owner_only_and_both_are_recorded(client, signed_in_with_code, manager):
    add_passkey(client, SoftwarePasskey())
    mine = WebAuthnCredential.objects.get(user=signed_in_with_code)
    client.force_login(manager)
    add_passkey(client, SoftwarePasskey())
    theirs = WebAuthnCredential.objects.get(user=manager)
    client.force_login(signed_in_with_code)

    assert client.get("/admin/two-factor/").context["passkeys"].get() == mine
    client.post(f"{PASSKEYS}/{theirs.pk}/remove/")
    client.post(f"{PASSKEYS}/{mine.pk}/remove/")

    assert list(WebAuthnCredential.objects.all()) == [theirs]
    events = StaffAccountEvent.objects.filter(subject=signed_in_with_code).values_list("action", "actor")
    assert sorted(events) == [
        (AccountAction.PASSKEY_ADDED, signed_in_with_code.pk),
        (AccountAction.PASSKEY_REMOVED, signed_in_with_code.pk),
    ]


def test_resetting_the_second_factor_removes_passkeys_too(client, signed_in_with_code, manager):
    add_passkey(client, SoftwarePasskey())
    client.force_login(manager)

    client.post(f"/admin/sign-in-locks/{signed_in_with_code.pk}/reset-second-factor/")

    assert not WebAuthnCredential.objects.filter(user=signed_in_with_code).exists()
    assert not second_factor.is_enrolled(signed_in_with_code)


def test_wrong_codes_still_make_the_next_try_wait_for_someone_with_a_passkey(
    client, sign_in, signed_in_with_code, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    settings.OTP_STATIC_THROTTLE_FACTOR = 60
    add_passkey(client, SoftwarePasskey())
    device = authenticator(signed_in_with_code)
    client.post("/admin/logout/")
    sign_in(signed_in_with_code)

    client.post(
        "/admin/two-factor/verify/", {"code": "000000" if current_code(device) != "000000" else "111111"}
    )
    response = client.post("/admin/two-factor/verify/", {"code": current_code(device)})

    assert "Too many wrong codes" in response.content.decode()


def test_a_passkey_alone_never_signs_anyone_in(client):
    """Passwordless sign-in is off: the passkey endpoints need a session that passed the password."""
    response = post_json(client, f"{PASSKEYS}/authentication/begin/")

    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
