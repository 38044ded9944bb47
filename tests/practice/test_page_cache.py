import datetime

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from wagtail.models import Page

from practice import cache
from practice.cache import PageCacheMiddleware, purge_page_cache
from practice.models import PracticeSettings
from tests.factories import StandardPageFactory
from tests.page_cache_client import PageCacheClient
from tests.public_pages import PUBLIC_URL_NAMES, page_types, public_view_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


@pytest.fixture(autouse=True)
def empty_page_cache():
    purge_page_cache()


@pytest.fixture(params=["WSGI layer", "middleware"])
def client(request):
    """Each test twice: through the WSGI layer in front of Django (production), and through
    Django's handler alone, where PageCacheMiddleware answers hits with the same rules."""
    return PageCacheClient() if request.param == "WSGI layer" else Client()


@pytest.fixture
def about(home, practice):
    return StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)


def test_second_anonymous_view_is_served_from_the_cache_with_the_same_bytes(client, about):
    first = client.get("/about/")
    second = client.get("/about/")

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_query_string_and_host_are_part_of_the_key(client, about):
    client.get("/about/")

    assert client.get("/about/?page=2")["X-Cache"] == "miss"
    assert client.get("/about/", HTTP_HOST="127.0.0.1")["X-Cache"] == "miss"
    assert client.get("/about/")["X-Cache"] == "hit"


def test_a_cached_page_is_served_without_touching_the_database(client, about, django_assert_num_queries):
    client.get("/about/")

    with django_assert_num_queries(0):
        assert client.get("/about/")["X-Cache"] == "hit"


def publish_new_title(page):
    page.title = "About the clinic"
    page.save_revision().publish()
    return "About the clinic"


def unpublish(page):
    page.unpublish()


def move_under_contact(page):
    contact = StandardPageFactory(parent=page.get_parent(), slug="contact")
    page.move(contact, pos="last-child")


def delete(page):
    page.delete()


def change_practice_name(page):
    details = PracticeSettings.objects.get()
    details.name = "Renamed Clinic"
    details.save()
    return "Renamed Clinic"


@pytest.mark.parametrize(
    "change", [publish_new_title, unpublish, move_under_contact, delete, change_practice_name]
)
def test_editor_changes_purge_every_cached_page(client, about, change, django_capture_on_commit_callbacks):
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        new_text = change(about)

    home_again = client.get("/")
    assert home_again["X-Cache"] == "miss"
    if new_text:
        assert new_text in home_again.content.decode()


def test_signed_in_editor_is_never_served_or_stored_in_the_cache(client, about, admin_user):
    client.get("/about/")
    editor = Client()
    editor.force_login(admin_user)

    served_to_editor = editor.get("/about/")
    purge_page_cache()
    editor.get("/about/")

    assert "X-Cache" not in served_to_editor
    assert client.get("/about/")["X-Cache"] == "miss"


def test_previews_and_the_admin_are_never_cached(client, about, admin_user):
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{about.pk}/edit/preview/")
    client.logout()
    client.cookies.clear()

    anonymous_admin = client.get("/admin/login/")

    assert "X-Cache" not in preview
    assert "X-Cache" not in anonymous_admin
    assert "X-Cache" not in client.get("/admin/login/")


def personal_response(kind):
    response = HttpResponse("<p>personal</p>")
    if kind == "sets a cookie":
        response.set_cookie("csrftoken", "abc")
    elif kind == "varies on cookie":
        response["Vary"] = "Cookie"
    elif kind == "varies on encoding":
        response["Vary"] = "Accept-Encoding"
    elif kind == "is private":
        response["Cache-Control"] = "private, max-age=0"
    return response


@pytest.mark.parametrize("kind", ["sets a cookie", "varies on cookie", "varies on encoding", "is private"])
def test_responses_that_differ_per_visitor_are_never_stored(kind):
    calls = []

    def view(request):
        calls.append(request)
        return personal_response(kind)

    middleware = PageCacheMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/personal/", HTTP_HOST="localhost"))
    second = middleware(factory.get("/personal/", HTTP_HOST="localhost"))

    assert len(calls) == 2
    assert "X-Cache" not in second


def test_post_requests_pass_through(client, about):
    client.get("/about/")

    response = client.post("/about/")

    assert "X-Cache" not in response


@pytest.mark.parametrize("name", PUBLIC_URL_NAMES)
def test_public_views_outside_the_page_tree_are_cacheable(client, home, practice, name):
    url = public_view_url(name)
    if url is None:
        pytest.skip(f"{name} is not built on this branch")

    first = client.get(url)
    second = client.get(url)

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert not second.cookies
    assert "csrfmiddlewaretoken" not in second.content.decode()


def test_home_page_type_is_covered_by_the_page_type_list():
    assert {model.__name__ for model in page_types()} >= {"HomePage", "StandardPage"}
    assert Page not in page_types()


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # London is on GMT in winter, so midnight there is midnight UTC...
        ("2026-01-14T23:59:59+00:00", "2026-01-14"),
        ("2026-01-15T00:00:00+00:00", "2026-01-15"),
        # ...and on BST in summer, so the day turns at 23:00 UTC.
        ("2026-07-14T22:59:59+00:00", "2026-07-14"),
        ("2026-07-14T23:00:00+00:00", "2026-07-15"),
    ],
)
def test_the_cache_day_turns_at_local_midnight_even_after_it_was_remembered(
    monkeypatch, settings, moment, expected
):
    """Pages and memos are keyed by the local day (nothing outlives the day it was rendered); the
    day is remembered until midnight, so a process alive across midnight must still move on."""
    settings.TIME_ZONE = "Europe/London"
    now = datetime.datetime.fromisoformat(moment).timestamp()
    monkeypatch.setattr(cache.time, "time", lambda: now - 3600)
    cache.local_date()  # remembered an hour before
    monkeypatch.setattr(cache.time, "time", lambda: now)
    assert cache.local_date() == expected
