"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server."""

import os

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

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
def wagtail_base_data(transactional_db):
    """Recreate what Wagtail's migrations insert (locale, tree root, root collection, default site).

    Browser tests commit, so each one ends by flushing every table; without this the next browser
    test would find no page tree at all. (serialized_rollback is the Django way, but in a full run
    the connection the test sees carried no snapshot to restore, so the data is rebuilt here.)
    """
    if Page.objects.filter(depth=1).exists():
        return
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale = Locale.objects.get_or_create(language_code=language)[0]
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    welcome = root.add_child(instance=Page(title="Welcome", slug="home", locale=locale))
    Site.objects.create(hostname="localhost", root_page=welcome, is_default_site=True)
