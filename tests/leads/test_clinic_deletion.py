"""A clinic page that leads name is not deleted from the admin: refused with a message, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from clinics.models import ClinicPage
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory

from .factories import LeadFactory

pytestmark = pytest.mark.django_db

REFUSED = "Not deleted: consultation requests name Richmond (2 consultation requests)"


@pytest.fixture
def clinic_with_leads(home):
    index = ClinicIndexPageFactory(parent=home)
    ClinicPageFactory(parent=index, title="Marylebone")
    richmond = ClinicPageFactory(parent=index, title="Richmond")
    LeadFactory.create_batch(2, clinic=richmond)
    return richmond


@pytest.fixture
def admin_client(client, manager):
    client.force_login(manager)
    return client


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_a_clinic_with_leads_is_refused_with_a_message(admin_client, clinic_with_leads, method):
    url = reverse("wagtailadmin_pages:delete", args=[clinic_with_leads.pk])

    response = getattr(admin_client, method)(url, follow=True)

    assert response.status_code == 200
    assert any(message.startswith(REFUSED) for message in messages_of(response))
    assert "Unpublish the clinic instead" in messages_of(response)[0]
    assert ClinicPage.objects.filter(pk=clinic_with_leads.pk).exists()


def test_deleting_the_clinics_index_is_refused_while_a_clinic_has_leads(admin_client, clinic_with_leads):
    index = clinic_with_leads.get_parent()

    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[index.pk]), follow=True)

    assert any(message.startswith(REFUSED) for message in messages_of(response))
    assert ClinicPage.objects.count() == 2


def test_bulk_deleting_a_clinic_with_leads_is_refused(admin_client, clinic_with_leads):
    marylebone = ClinicPage.objects.get(title="Marylebone")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    query = f"?id={marylebone.pk}&id={clinic_with_leads.pk}&next=/admin/"

    response = admin_client.post(url + query, follow=True)

    assert response.status_code == 200
    assert any(message.startswith(REFUSED) for message in messages_of(response))
    assert ClinicPage.objects.count() == 2


def test_a_clinic_without_leads_is_deleted_as_usual(admin_client, clinic_with_leads):
    marylebone = ClinicPage.objects.get(title="Marylebone")

    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[marylebone.pk]))

    assert response.status_code == 302
    assert not Page.objects.filter(pk=marylebone.pk).exists()
    assert ClinicPage.objects.filter(pk=clinic_with_leads.pk).exists()


def test_unpublishing_a_clinic_with_leads_is_allowed_and_its_leads_keep_it(admin_client, clinic_with_leads):
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[clinic_with_leads.pk]))

    assert response.status_code == 302
    clinic_with_leads.refresh_from_db()
    assert not clinic_with_leads.live
    assert clinic_with_leads.leads.count() == 2
