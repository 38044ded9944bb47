"""Health data stays first-party: no public page asks another origin for anything."""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale

from gallery.models import GalleryIndexPage
from practice.models import HomePage, StandardPage
from team.models import PractitionerPage, TeamIndexPage
from tests.browser.conftest import THANK_YOU_AT_A_CLINIC
from tests.browser.forms import send_consultation_request
from treatments.models import ArticleIndexPage, ArticlePage, TreatmentIndexPage, TreatmentPage

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.database_independent("which origins a page loads from is in its markup"),
]

# Schemes the page makes up itself, which never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


def public_urls():
    """One URL of each public page type, from the demo practice."""
    english = {"locale": Locale.get_default()}  # the demo's laser page has Spanish and Arabic translations
    pages = [
        HomePage.objects.get(**english),
        TreatmentIndexPage.objects.get(**english),
        TreatmentPage.objects.get(slug="laser-skin-tightening", **english),
        ArticleIndexPage.objects.get(**english),
        ArticlePage.objects.live().filter(**english).first(),
        TeamIndexPage.objects.get(),
        PractitionerPage.objects.live().first(),
        GalleryIndexPage.objects.get(),
        StandardPage.objects.live().first(),
    ]
    return [
        *(page.get_url() for page in pages),
        "/search/?q=laser",
        "/consultation/",
        "/consultation/?treatment=laser-skin-tightening",
        "/consultation/thank-you/",
    ]


def submit_request(tab, treatment_slug):
    """Send a consultation request for `treatment_slug`; return the thank-you page's URL and title."""
    tab.goto(f"/consultation/?treatment={treatment_slug}")
    # Marylebone: the demo's first clinic, which offers each of them.
    send_consultation_request(tab, "Ann", "Lee", phone="020 7946 0321", clinic="Marylebone")
    tab.wait_for_url(THANK_YOU_AT_A_CLINIC)
    return tab.url, tab.title()


def test_public_pages_request_nothing_from_other_origins_and_thank_you_reveals_no_treatment(
    committed_demo, page, live_server, settings
):
    settings.LEADS_FORM_MIN_SECONDS = 0  # the robot types faster than any person
    own_origin = urlsplit(live_server.url)[:2]
    foreign = []

    def check(request):
        parts = urlsplit(request.url)
        if parts.scheme not in LOCAL_SCHEMES and parts[:2] != own_origin:
            foreign.append((page.url, request.url))

    page.on("request", check)
    urls = public_urls()
    for url in urls:
        response = page.goto(url, wait_until="networkidle")
        assert response.status == 200, url
        # Lazy images below the fold load only when scrolled to.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")

    thank_yous = {submit_request(page, slug) for slug in ["laser-skin-tightening", "microneedling", ""]}

    assert len(urls) == 13
    assert foreign == []
    assert len(thank_yous) == 1
    url, title = thank_yous.pop()
    assert "treatment" not in url and "laser" not in title.lower()
