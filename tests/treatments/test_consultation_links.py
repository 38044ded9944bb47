"""Pages link to the consultation form by its URL name, so the links follow the form if it moves."""

import pytest
from django.urls import include, path

from practice.urls import urlpatterns as site_urlpatterns
from tests.treatments.factories import TreatmentPageFactory

# The site as it would be with the form moved from /consultation/ to /book/.
urlpatterns = [
    path("book/", include("leads.urls")),
    *(pattern for pattern in site_urlpatterns if str(pattern.pattern) != "consultation/"),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def test_treatment_page_links_to_the_form_wherever_it_lives(client, treatment_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index, slug="chemical-peel")

    response = client.get(treatment.url)

    assert response.status_code == 200
    assert 'href="/book/?treatment=chemical-peel"' in response.content.decode()
    assert "/consultation/" not in response.content.decode()


def test_home_page_button_links_to_the_form_wherever_it_lives(client, home, practice):
    response = client.get("/")

    assert response.status_code == 200
    assert 'href="/book/"' in response.content.decode()
    assert "/consultation/" not in response.content.decode()
