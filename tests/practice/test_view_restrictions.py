"""Wagtail's privacy settings hold on every page, found in one query (BasePage.get_view_restrictions)."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


def sign_in_required(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_a_restriction_on_a_section_keeps_visitors_out_of_its_pages(client, treatment_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index, title="Laser hair removal")
    sign_in_required(treatment_index)

    response = client.get(treatment.url)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_restriction_on_a_page_keeps_visitors_out_of_it_alone(client, treatment_index, practice):
    restricted = TreatmentPageFactory(parent=treatment_index)
    open_page = TreatmentPageFactory(parent=treatment_index)
    sign_in_required(restricted)

    assert client.get(restricted.url).status_code == 302
    assert client.get(open_page.url).status_code == 200


def test_an_alias_takes_a_restriction_added_to_its_source_page(client, home, practice):
    source = StandardPageFactory(parent=home, slug="members")
    alias = source.create_alias(update_slug="members-copy")
    sign_in_required(source)

    assert client.get(alias.url).status_code == 302


def test_a_restriction_added_after_a_page_was_viewed_applies_at_once(client, treatment_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index)
    assert client.get(treatment.url).status_code == 200  # routing remembers it found no restriction

    sign_in_required(treatment)

    assert client.get(treatment.url).status_code == 302
