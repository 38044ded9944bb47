"""axe-core in Chromium on one page of every type: zero violations of any rule axe runs by default."""

from pathlib import Path

import pytest

from tests.public_pages import PUBLIC_URL_NAMES, demo_url, load_demo, page_types, public_view_url

pytestmark = pytest.mark.django_db(transaction=True)

# Installed from package.json by scripts/test.sh; injected from disk, never fetched at run time.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def page(browser, live_server):
    """A tab that lets axe's injected script run: the site's CSP rightly forbids inline scripts."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    yield context.new_page()
    context.close()


def axe_violations(page, url):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (scripts/test.sh does)")
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
    ]


@pytest.mark.parametrize("page_type", page_types(), ids=lambda model: model._meta.label)
def test_every_page_type_has_no_accessibility_violations(page, page_type):
    load_demo()
    url = demo_url(page_type)
    if url is None:
        pytest.skip(f"the demo content has no {page_type.__name__}; add one to load_demo")

    assert axe_violations(page, url) == []


@pytest.mark.parametrize("name", PUBLIC_URL_NAMES)
def test_public_views_have_no_accessibility_violations(page, name):
    load_demo()
    url = public_view_url(name)
    if url is None:
        pytest.skip(f"{name} is not built on this branch")

    assert axe_violations(page, url) == []
