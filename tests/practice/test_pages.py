import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from practice.models import HomePage, HomePageFeaturedItem, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_hero_and_practice_details(client, home, practice):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert home.hero_heading in html
    assert practice.name in html
    assert f'href="{practice.phone_href}"' in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_navigation_lists_pages_shown_in_menus_and_marks_the_current_one(client, home, practice):
    about = StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    StandardPageFactory(parent=home, title="Privacy policy", slug="privacy", show_in_menus=False)

    html = client.get(about.url).content.decode()

    assert '<a href="/about/" aria-current="page">About us</a>' in html
    assert 'href="/privacy/"' not in html.split("</nav>")[0]


def test_featured_pages_skip_unpublished_ones(client, home, practice):
    live = StandardPageFactory(parent=home, title="Live page")
    draft = StandardPageFactory(parent=home, title="Draft page", live=False)
    HomePageFeaturedItem.objects.create(page=home, linked_page=live, sort_order=0)
    HomePageFeaturedItem.objects.create(page=home, linked_page=draft, sort_order=1)

    html = client.get("/").content.decode()

    assert "Live page" in html
    assert "Draft page" not in html


def test_unknown_url_gets_the_practice_404_page(client, practice):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "can't find that page" in response.content.decode()
    assert practice.phone in response.content.decode()


def test_server_error_page_renders_without_any_context():
    from django.template import loader

    html = loader.get_template("500.html").render()

    assert "Something went wrong" in html


class TestPageTree(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_page_can_be_created_under_home(self):
        self.assertCanCreateAt(HomePage, StandardPage)
