"""Fixtures shared by every test: a site with a home page and the practice's details.

The suite runs on the database DATABASE_URL names: PostgreSQL (production) and SQLite (`make run`)
alike. A test about something only PostgreSQL has is marked `postgresql_only("why")` and skipped,
with that reason, on any other database. A test whose subject no database changes (headers, settings,
parsing, templates) is marked `database_independent("why")`: `make test` runs it once, in the SQLite
run, by setting SKIP_DATABASE_INDEPENDENT=1 for the PostgreSQL one.
"""

import datetime
import os
import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Page, Site

from leads import abuse
from practice import cache
from practice.models import HomePage
from tests.factories import HomePageFactory, PracticeSettingsFactory
from tests.module_scope import kept_for_the_module
from tests.second_factor import pass_second_factor
from tests.team.factories import PractitionerPageFactory, TeamIndexPageFactory
from tests.treatments.factories import ArticleIndexPageFactory, TreatmentIndexPageFactory

pytest_plugins = [
    "tests.database_template",
    "tests.database_restore",
    "tests.demo_database",
    "tests.rendition_memo",
]

# Playwright's sync API runs an event loop in the test thread; Django's ORM is safe to use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def build_home():
    """A home page as the root of the default site, replacing Wagtail's placeholder."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="test-home")
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = home
    site.hostname = "localhost"
    site.save()
    if placeholder.id != home.id and placeholder.specific_class is Page:
        remove_placeholder(placeholder, parent=root)
    return home


def remove_placeholder(placeholder, parent):
    """Delete Wagtail's placeholder page as migrations leave it, which nothing but the site points
    at, in one statement: Page.delete() first asks every table that may point at a page, half of
    build_home's time, which most tests pay."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM wagtailcore_page WHERE id = %s", [placeholder.id])
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") - 1)


@pytest.fixture(scope="module")
def site_for_the_module(django_db_setup, django_db_blocker):
    """The home page and the practice's details, built once for a module that asks for it with
    `pytestmark = pytest.mark.usefixtures("site_for_the_module")` rather than once per test (replacing
    Wagtail's placeholder page is most of a simple test's time). See tests/module_scope.py for which
    modules may."""
    with kept_for_the_module(django_db_blocker):
        home = build_home()
        PracticeSettingsFactory()
        yield home.pk


@pytest.fixture
def home(request, db):
    """A home page as the root of the default site: the module's own when it keeps one, read afresh
    so that a test's changes to the object stay in that test."""
    if "site_for_the_module" in request.fixturenames:
        return HomePage.objects.get(pk=request.getfixturevalue("site_for_the_module"))
    return build_home()


@pytest.fixture
def practice(home):
    """The practice's details for the default site."""
    return PracticeSettingsFactory()


@pytest.fixture
def treatment_index(home):
    """The treatments index under the home page."""
    return TreatmentIndexPageFactory(parent=home)


@pytest.fixture
def article_index(home):
    """The articles index under the home page."""
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and the admin's filter choices live in the cache: every test starts clean,
    browser tests too (a worker's earlier form posts from 127.0.0.1 once rate-limited a journey)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test starts with an empty page cache and per-process memos (site, menu, settings)."""
    from practice.cache import purge_page_cache

    purge_page_cache()


@pytest.fixture(autouse=True)
def fresh_page_view_counts():
    """Page views one test counts in memory are never written by another, nor at exit to a test
    database that is gone (analytics.tally)."""
    from analytics import tally

    tally.take()
    yield
    tally.take()


@pytest.fixture
def midnight_passes(monkeypatch):
    """Call it to move the site's day, and the page cache's day with it, on to tomorrow."""

    def turn():
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
        monkeypatch.setattr(cache, "local_date", tomorrow.isoformat)

    return turn


@pytest.fixture
def form_clock(monkeypatch):
    """Call it with a number of seconds to move the consultation form's clock (leads.abuse) on by
    that much: the time a person takes to fill it in passes without the test waiting for it."""
    real_time = time.time
    ahead = 0.0

    def pass_seconds(seconds):
        nonlocal ahead
        ahead += seconds

    monkeypatch.setattr(abuse, "time", SimpleNamespace(time=lambda: real_time() + ahead))
    return pass_seconds


@pytest.fixture(autouse=True)
def force_login_passes_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a whole sign-in: password, then the authenticator code.

    Staff who see leads must pass a second factor (staff/); tests about something else should not
    each repeat it. Production is unchanged: this marks the test client's session the way a right
    code does. Tests of the second factor sign in with `client.login` or the login form instead,
    which stop after the password.
    """
    force_login = Client.force_login

    def force_login_with_second_factor(client, user, backend=None):
        force_login(client, user, backend)
        pass_second_factor(client, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture
def team_index(home):
    """The team page under the home page."""
    return TeamIndexPageFactory(parent=home)


@pytest.fixture
def doctor(team_index):
    """A GMC-registered doctor with a public profile."""
    return PractitionerPageFactory(parent=team_index, title="Dr Amira Shah", slug="amira-shah")


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def uses_test_database(item):
    return item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames)


@pytest.hookimpl(trylast=True)  # after pytest-django's ordering and the marks other conftests add
def pytest_collection_modifyitems(items):
    on_postgresql = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    run_elsewhere = os.environ.get("SKIP_DATABASE_INDEPENDENT") == "1"
    for item in items:
        marker = item.get_closest_marker("postgresql_only")
        if marker and not on_postgresql:
            item.add_marker(pytest.mark.skip(reason=f"PostgreSQL only: {marker.args[0]}"))
        marker = item.get_closest_marker("database_independent")
        if marker and run_elsewhere:
            item.add_marker(
                pytest.mark.skip(reason=f"database-independent, run once in the SQLite run: {marker.args[0]}")
            )
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            # A transactional test empties the database after itself. Without serialized rollback the
            # flush re-creates content types, and the next serialized-rollback test on that worker
            # fails restoring its own copy (duplicate key): so every transactional test restores.
            item.add_marker(pytest.mark.django_db(**marker.kwargs, serialized_rollback=True), append=False)
    # Tests that use no test database first, pytest-django's order otherwise unchanged. It puts them
    # last, where the longest (the newcomer journey, which starts its own site; the settings tests'
    # child interpreters) kept one xdist worker busy after the other had finished.
    items.sort(key=lambda item: bool(uses_test_database(item)))


@pytest.fixture(autouse=True)
def _source_language_after_each_test():
    """A request under /es/ leaves Spanish active in the thread; the next test starts in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
