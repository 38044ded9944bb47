"""Editors see their own page's figures in the page editor; nobody else sees them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.leads.factories import TreatmentPageFactory

from .conftest import lead_on
from .factories import PageViewCountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def laser(treatment_index):
    """A treatment page with 30 days of figures, and some older ones that no longer count."""
    page = TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening", slug="laser")
    today = timezone.localdate()
    PageViewCountFactory(day=today, path="/treatments/laser/", views=70)
    PageViewCountFactory(day=today - datetime.timedelta(days=29), path="/treatments/laser/", views=30)
    PageViewCountFactory(day=today - datetime.timedelta(days=30), path="/treatments/laser/", views=999)
    PageViewCountFactory(day=today, path="/treatments/", views=5)
    lead_on(today, source_page="/treatments/laser/", landing_page="/treatments/laser/?utm_source=x")
    lead_on(today, source_page="/treatments/laser/")
    lead_on(today, source_page="/", landing_page="/treatments/laser/")
    lead_on(today - datetime.timedelta(days=31), source_page="/treatments/laser/")
    return page


def test_editor_sees_the_pages_last_thirty_days_in_the_editor(client, editor, laser):
    client.force_login(editor)

    editor_html = client.get(reverse("wagtailadmin_pages:edit", args=[laser.pk])).content.decode()
    figures_html = client.get(reverse("analytics_page_figures", args=[laser.pk])).content.decode()

    assert "30 days: 100 views, 2 requests" in editor_html
    assert '<th scope="row">Views</th><td>100</td>' in figures_html
    assert "<td>2.0% of views</td>" in figures_html
    assert "arrived on this page</th><td>2</td>" in figures_html


def test_staff_who_cannot_edit_the_page_get_neither_the_button_nor_the_figures(client, front_desk, laser):
    client.force_login(front_desk)

    response = client.get(reverse("analytics_page_figures", args=[laser.pk]))

    assert response.status_code in (302, 403)
    assert b"100" not in response.content
