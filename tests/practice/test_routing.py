import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_a_nested_page_is_served_at_its_path(client, home, practice):
    section = StandardPageFactory(parent=home, slug="section")
    StandardPageFactory(parent=section, slug="leaf", title="The leaf page")

    response = client.get("/section/leaf/")

    assert response.status_code == 200
    assert "The leaf page" in response.content.decode()


def test_an_unpublished_page_is_not_found(client, home, practice):
    StandardPageFactory(parent=home, slug="draft", live=False)

    assert client.get("/draft/").status_code == 404


def test_a_live_page_under_an_unpublished_one_is_served_as_wagtail_does(client, home, practice):
    section = StandardPageFactory(parent=home, slug="section", live=False)
    StandardPageFactory(parent=section, slug="leaf")

    assert client.get("/section/leaf/").status_code == 200


def test_a_path_that_is_no_page_is_not_found(client, home, practice):
    StandardPageFactory(parent=home, slug="section")

    assert client.get("/section/missing/").status_code == 404
    assert client.get("/missing/section/").status_code == 404


def test_a_page_of_another_site_is_not_reachable_through_this_one(client, home, practice):
    from wagtail.models import Page

    other_root = Page.get_first_root_node().add_child(instance=Page(title="Other site", slug="other-site"))
    other_root.add_child(instance=Page(title="Other page", slug="other-page"))

    assert client.get("/other-site/other-page/").status_code == 404
