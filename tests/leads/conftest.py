"""Users of each kind the lead admin must tell apart."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from tests.leads.factories import StaffFactory


@pytest.fixture
def front_desk(db):
    """A member of the "Front desk" group (created by migration)."""
    return StaffFactory(groups=["Front desk"])


@pytest.fixture
def editor(db):
    """Someone who edits pages and may use the admin, but has no business with leads."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="wagtailcore"),
    )
    return StaffFactory(groups=["Editors"])


@pytest.fixture
def manager(db):
    """A superuser: the practice manager who handles erasure requests."""
    return StaffFactory(is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Filter choices are cached; each test starts from its own leads."""
    cache.clear()
