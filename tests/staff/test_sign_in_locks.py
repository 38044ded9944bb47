"""Lockouts (axes' pairs and the per-username limit), and an administrator lifting them or resetting
a colleague's second factor, each recorded."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import second_factor
from staff.models import AccountAction, StaffAccountEvent
from tests.second_factor import authenticator

pytestmark = pytest.mark.django_db


def lock_out_by_axes(sign_in, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(user, password="guess")
    assert sign_in(user).status_code == 429


def test_slow_guessing_from_many_addresses_locks_the_username(client, sign_in, front_desk, settings):
    settings.STAFF_USERNAME_FAILURE_LIMIT = 8
    # Two guesses from each address: far below axes' limit for any one (username, address) pair.
    for address in range(4):
        for _ in range(2):
            assert sign_in(front_desk, password="guess", address=f"198.51.100.{address}").status_code == 200

    refused = sign_in(front_desk, address="192.0.2.99")

    assert refused.status_code == 429
    assert b"too many wrong passwords" in refused.content
    assert client.get("/admin/").status_code == 302  # not signed in


def test_a_few_typos_never_lock_the_username(client, sign_in, front_desk):
    for address in range(3):
        sign_in(front_desk, password="typo", address=f"198.51.100.{address}")

    assert sign_in(front_desk).status_code == 302


def test_an_administrator_unlocks_a_colleague_and_it_is_recorded(
    client, sign_in, front_desk, manager, settings
):
    settings.STAFF_USERNAME_FAILURE_LIMIT = 6
    lock_out_by_axes(sign_in, front_desk, settings)
    sign_in(front_desk, password="guess", address="198.51.100.1")  # also over the per-username limit
    client.force_login(manager)

    listing = client.get("/admin/sign-in-locks/").content.decode()
    row = listing.split(f'data-username="{front_desk.username}"')[1].split("</tr>")[0]
    assert "Locked" in row
    assert client.post(f"/admin/sign-in-locks/{front_desk.pk}/unlock/").status_code == 302

    event = StaffAccountEvent.objects.get()
    assert (event.actor, event.subject, event.action) == (manager, front_desk, AccountAction.UNLOCKED)
    assert event.subject_username == "fran" and event.at is not None
    client.logout()
    assert sign_in(front_desk).status_code == 302


def test_an_administrator_resets_a_lost_second_factor_and_it_is_recorded(
    client, sign_in, front_desk, manager
):
    authenticator(front_desk)
    second_factor.new_recovery_codes(front_desk)
    client.force_login(manager)

    client.post(f"/admin/sign-in-locks/{front_desk.pk}/reset-second-factor/")

    assert not TOTPDevice.objects.filter(user=front_desk).exists()
    assert not StaticDevice.objects.filter(user=front_desk).exists()
    event = StaffAccountEvent.objects.get()
    assert (event.actor, event.subject, event.action) == (
        manager,
        front_desk,
        AccountAction.SECOND_FACTOR_RESET,
    )
    client.logout()
    sign_in(front_desk)
    assert client.get("/admin/").url.startswith("/admin/two-factor/enrol/")


def refused(response):
    """Wagtail answers a refused admin URL by sending the user back to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def test_only_those_who_manage_users_may_unlock_or_reset(client, front_desk, editor):
    authenticator(editor)
    client.force_login(front_desk)

    assert refused(client.get("/admin/sign-in-locks/"))
    assert refused(client.post(f"/admin/sign-in-locks/{editor.pk}/reset-second-factor/"))
    assert refused(client.post(f"/admin/sign-in-locks/{editor.pk}/unlock/"))
    assert TOTPDevice.objects.filter(user=editor).exists()
    assert not StaffAccountEvent.objects.exists()


def test_unlock_and_reset_take_only_a_post(client, front_desk, manager):
    client.force_login(manager)

    assert client.get(f"/admin/sign-in-locks/{front_desk.pk}/unlock/").status_code == 405
    assert not StaffAccountEvent.objects.exists()


def test_the_second_login_page_is_gone(client, manager):
    client.force_login(manager)

    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404
