"""Two-factor sign-in: who must use it, enrolment with a local QR code, codes, recovery codes."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import second_factor
from tests.second_factor import authenticator, current_code

from .conftest import make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("groups", "is_superuser"),
    [(["Front desk"], False), (["Clinicians"], False), (["Moderators"], False), ([], True)],
    ids=["front desk", "clinicians", "moderators", "superuser"],
)
def test_password_alone_does_not_open_the_admin_for_those_who_see_leads_or_publish(
    client, sign_in, groups, is_superuser
):
    user = make_staff("someone", groups=groups, is_superuser=is_superuser)

    assert sign_in(user).status_code == 302
    for url in ("/admin/", "/admin/pages/", "/admin/leads/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/admin/two-factor/enrol/"), url


def test_others_may_use_the_admin_without_a_second_factor(client, sign_in, editor):
    sign_in(editor)

    assert client.get("/admin/").status_code == 200
    assert b"optional for your account" in client.get("/admin/two-factor/").content


def test_enrolment_shows_a_qr_code_drawn_here_and_confirms_with_a_code(client, sign_in, front_desk):
    sign_in(front_desk)

    page = client.get("/admin/two-factor/enrol/?next=/admin/leads/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<img" not in html.split("data-totp-qr")[1].split("</figure>")[0]
    device = TOTPDevice.objects.get(user=front_desk, confirmed=False)
    assert page.context["enrolment"].secret.replace(" ", "") in html.replace(" ", "")

    wrong = client.post(
        "/admin/two-factor/enrol/", {"code": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert "not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    assert not device.confirmed

    done = client.post("/admin/two-factor/enrol/", {"code": current_code(device), "next": "/admin/leads/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == second_factor.RECOVERY_CODE_COUNT == len(set(codes))
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/leads/").status_code == 200


def test_an_enrolled_user_signs_in_with_password_then_code(client, sign_in, front_desk):
    device = authenticator(front_desk)
    sign_in(front_desk)

    asked = client.get("/admin/leads/")
    assert asked.url == "/admin/two-factor/verify/?next=%2Fadmin%2Fleads%2F"
    refused = client.post("/admin/two-factor/verify/", {"code": "12345x", "next": "/admin/leads/"})
    assert refused.status_code == 200
    assert client.get("/admin/leads/").status_code == 302
    device.throttle_reset()

    accepted = client.post(
        "/admin/two-factor/verify/", {"code": current_code(device), "next": "/admin/leads/"}
    )
    assert accepted.status_code == 302 and accepted.url == "/admin/leads/"
    assert client.get("/admin/leads/").status_code == 200


def test_verification_never_redirects_off_the_site(client, sign_in, front_desk):
    device = authenticator(front_desk)
    sign_in(front_desk)

    response = client.post(
        "/admin/two-factor/verify/", {"code": current_code(device), "next": "https://evil.example/"}
    )

    assert response.url == "/admin/"


def test_someone_who_set_it_up_must_use_it_even_where_it_is_optional(client, sign_in, editor):
    authenticator(editor)
    sign_in(editor)

    assert client.get("/admin/").url.startswith("/admin/two-factor/verify/")


def test_a_password_alone_cannot_enrol_a_new_phone(client, sign_in, front_desk):
    authenticator(front_desk)
    sign_in(front_desk)

    response = client.get("/admin/two-factor/enrol/")

    assert response.url.startswith("/admin/two-factor/verify/")
    assert not TOTPDevice.objects.filter(user=front_desk, confirmed=False).exists()


def test_a_recovery_code_signs_in_once(client, sign_in, front_desk):
    authenticator(front_desk)
    code, *_ = second_factor.new_recovery_codes(front_desk)

    sign_in(front_desk)
    first = client.post("/admin/two-factor/verify/", {"code": code.upper(), "next": "/admin/leads/"})
    assert first.url == "/admin/leads/"
    assert second_factor.recovery_codes_left(front_desk) == second_factor.RECOVERY_CODE_COUNT - 1

    client.post("/admin/logout/")
    sign_in(front_desk)
    second = client.post("/admin/two-factor/verify/", {"code": code, "next": "/admin/leads/"})
    assert second.status_code == 200
    assert client.get("/admin/leads/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, front_desk):
    old = second_factor.new_recovery_codes(front_desk)
    client.force_login(front_desk)  # password and app code

    new = client.post("/admin/two-factor/").context["codes"]

    assert set(new).isdisjoint(old)
    assert second_factor.recovery_codes_left(front_desk) == len(new)


def test_wrong_codes_make_the_next_try_wait(client, sign_in, front_desk, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    settings.OTP_STATIC_THROTTLE_FACTOR = 60
    device = authenticator(front_desk)
    second_factor.new_recovery_codes(front_desk)
    sign_in(front_desk)

    client.post(
        "/admin/two-factor/verify/", {"code": "000000" if current_code(device) != "000000" else "111111"}
    )
    response = client.post("/admin/two-factor/verify/", {"code": current_code(device)})

    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_someone_stopped_at_the_code_step_can_sign_out_from_it(client, sign_in, front_desk):
    authenticator(front_desk)
    sign_in(front_desk)
    page = client.get("/admin/two-factor/verify/").content.decode()
    sign_out = page.split("data-sign-out")[0].rsplit("<form", 1)[1]

    client.post(re.search(r'action="([^"]+)"', sign_out)[1])

    assert "_auth_user_id" not in client.session
