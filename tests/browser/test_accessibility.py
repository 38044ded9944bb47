"""axe-core in Chromium on one page of every type: zero violations of any rule axe runs by default."""

from pathlib import Path

import pytest

from tests.public_pages import PUBLIC_URL_NAMES, demo_url, page_types, public_view_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.database_independent("axe checks the markup and styles the templates make"),
]

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


def test_every_page_type_and_public_view_has_no_accessibility_violations(committed_demo, page):
    urls = {model._meta.label: demo_url(model) for model in page_types()}
    urls.update({name: public_view_url(name) for name in PUBLIC_URL_NAMES})
    missing = sorted(label for label, url in urls.items() if url is None)
    assert not missing, f"the demo content has none of {missing}; add them to load_demo"

    violations = {label: axe_violations(page, url) for label, url in urls.items()}

    assert violations == dict.fromkeys(urls, [])
