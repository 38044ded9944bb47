"""Signed-in editors get Wagtail's userbar on public pages; anonymous pages stay shared and cached."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from practice.cache import purge_page_cache
from tests.factories import StandardPageFactory

from .test_security_headers import csp_directives

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar>"


@pytest.fixture(autouse=True)
def empty_page_cache():
    purge_page_cache()


@pytest.fixture
def about(home, practice):
    return StandardPageFactory(parent=home, title="About us", slug="about")


@pytest.fixture
def editor_client(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_anonymous_page_is_stored_and_served_as_a_hit_without_userbar_or_cookie(client, about):
    first = client.get("/about/")
    second = client.get("/about/")

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    for response in (first, second):
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
        assert USERBAR not in response.content.decode()


def test_signed_in_editor_sees_the_userbar_with_a_link_to_edit_the_page(client, editor_client, about):
    response = editor_client.get("/about/")

    content = response.content.decode()
    assert USERBAR in content
    assert f"/admin/pages/{about.pk}/edit/" in content
    assert "X-Cache" not in response
    # What the editor was shown never reaches the shared cache: the next visitor gets a fresh miss.
    assert USERBAR not in client.get("/about/").content.decode()


def test_editor_page_carries_the_policy_the_userbar_scripts_need(client, editor_client, about):
    editor_page = csp_directives(editor_client.get("/about/"))
    public_page = csp_directives(client.get("/about/"))

    assert "'unsafe-inline'" in editor_page["script-src"]
    assert public_page["script-src"] == ["'self'"]


def test_signed_in_user_without_admin_access_gets_no_userbar_and_the_public_policy(about):
    visitor = Client()
    visitor.force_login(get_user_model().objects.create_user("pat", password="not-used-here-1234"))

    response = visitor.get("/about/")

    assert USERBAR not in response.content.decode()
    assert csp_directives(response)["script-src"] == ["'self'"]
