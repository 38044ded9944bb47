"""Staff of each kind, signed in through the real login form (password only: the second factor is the test)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

PASSWORD = "a long staff password"


def make_staff(username, *, groups=(), is_superuser=False):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@clinic.example", password=PASSWORD, is_superuser=is_superuser
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def front_desk(db):
    return make_staff("fran", groups=["Front desk"])


@pytest.fixture
def editor(db):
    """Writes pages and may use the admin, but neither sees leads nor publishes: two-factor is optional."""
    group, _ = Group.objects.get_or_create(name="Writers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return make_staff("eddie", groups=["Writers"])


@pytest.fixture
def manager(db):
    return make_staff("manager", is_superuser=True)


@pytest.fixture
def sign_in(client):
    """POST the admin login form with the right password (or another), from one address."""

    def sign_in(user, password=PASSWORD, address="203.0.113.7"):
        return client.post(
            "/admin/login/", {"username": user.get_username(), "password": password}, REMOTE_ADDR=address
        )

    return sign_in
