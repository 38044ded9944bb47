"""The site ships only the Bootstrap it uses (scripts/build_css.sh): nothing a page needs was purged."""

import re
import subprocess
import time
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from leads.abuse import make_form_token
from tests.public_pages import PUBLIC_URL_NAMES, demo_url, page_types, public_view_url

pytestmark = [
    pytest.mark.database_independent("compares the classes templates use with the stylesheet shipped"),
    pytest.mark.usefixtures("demo_site"),
]

# The full Bootstrap that scripts/build_css.sh purges; kept out of the static files.
FULL_BOOTSTRAP = settings.BASE_DIR / "assets" / "vendor" / "bootstrap" / "bootstrap.min.css"
CLASS_SELECTOR = re.compile(r"\.([A-Za-z0-9_-]+)")
# [type=radio] and the like: Django sets an input's type in Python, where PurgeCSS cannot see it.
ATTRIBUTE_SELECTOR = re.compile(r"\[([A-Za-z0-9_-]+)=\"?([^\]\"]+)\"?\]")


class PageParts(HTMLParser):
    """The class names, attribute values and linked stylesheets of one HTML page."""

    def __init__(self):
        super().__init__()
        self.classes, self.attributes, self.stylesheets = set(), set(), set()

    def handle_starttag(self, tag, attrs):
        self.attributes.update((name, value) for name, value in attrs if value is not None)
        attrs = dict(attrs)
        self.classes.update((attrs.get("class") or "").split())
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.add(attrs["href"])


def selectors_defined(css):
    """The classes and the [name=value] attribute selectors a stylesheet has rules for."""
    return set(CLASS_SELECTOR.findall(css)) | set(ATTRIBUTE_SELECTOR.findall(css))


def shipped_css(href):
    path = finders.find(href.removeprefix(settings.STATIC_URL))
    assert path, f"{href} is linked but is not a static file"
    with open(path, encoding="utf-8") as file:
        return file.read()


def purged_bootstrap_classes(pages):
    """Each Bootstrap class or [name=value] a page uses that no stylesheet it links has, with the page."""
    bootstrap = selectors_defined(FULL_BOOTSTRAP.read_text(encoding="utf-8"))
    missing = {}
    for url, response in pages:
        assert response.status_code in (200, 404), f"{url} answered {response.status_code}"
        parts = PageParts()
        parts.feed(response.content.decode())
        shipped = set().union(*(selectors_defined(shipped_css(href)) for href in parts.stylesheets))
        for name in ((parts.classes | parts.attributes) & bootstrap) - shipped:
            missing.setdefault(name, url)
    return missing


@pytest.mark.django_db
def test_every_bootstrap_class_on_a_public_page_is_shipped(client):
    urls = [demo_url(page_type) for page_type in page_types()]
    urls += [public_view_url(name) for name in PUBLIC_URL_NAMES]
    # Public views not in PUBLIC_URL_NAMES because they are never cached, and the 404 page.
    urls += ["/search/?q=laser", "/search/", reverse("leads:thank_you"), "/no-such-page/"]
    pages = [(url, client.get(url)) for url in urls if url]

    assert purged_bootstrap_classes(pages) == {}


@pytest.mark.django_db
def test_consultation_form_errors_are_styled(client):
    url = reverse("leads:consultation")
    # Every field wrong, so each kind of widget (text, select, radios, textarea, checkbox) shows its error.
    answers = {
        "email": "not-an-address",
        "phone": "call me",
        "treatment": "999999",
        "preferred_contact": "pigeon",
        "best_time": "midnight",
        "message": "x" * 2001,
        "form_token": make_form_token(issued_at=time.time() - 60),
    }
    response = client.post(url, answers, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin")
    assert "is-invalid" in response.content.decode()

    assert purged_bootstrap_classes([(url, response)]) == {}


def test_only_the_purged_bootstrap_is_served_with_its_licence():
    assert finders.find("vendor/bootstrap/bootstrap.min.css") is None
    assert finders.find("vendor/bootstrap/bootstrap.site.min.css")
    assert finders.find("vendor/bootstrap/LICENSE")


def test_shipped_bootstrap_is_what_the_build_script_makes_of_the_templates():
    build = settings.BASE_DIR / "scripts" / "build_css.sh"
    result = subprocess.run([build, "--check"], capture_output=True, text=True, check=False)  # noqa: S603

    assert result.returncode == 0, result.stderr
