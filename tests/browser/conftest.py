"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab whose relative URLs resolve against the live server."""
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    yield tab
    context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def wagtail_initial_tree(request):
    """Put back the locale, root page, default site and root collection Wagtail's migrations create.

    A transactional test ends by emptying every table. Django's `serialized_rollback` would restore
    them, but it keeps its copy on the connection of one async context, and Playwright's sync API
    runs its own event loop, so whether the copy is found depends on test order."""
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    if Page.get_first_root_node() is not None:
        return
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    welcome = root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
