"""Consent wording edited in the admin (frontdesk/consent_admin.py): staff add versions and read
every one; nobody changes or deletes one."""

import pytest
from wagtail.test.utils.form_data import nested_form_data

from leads.models import ConsentVersion

pytestmark = pytest.mark.django_db

NEW_WORDS = "I agree that the clinic may phone or email me about this request (wording C)."


def test_a_new_version_in_the_admin_is_numbered_signed_and_shown_by_the_form(
    admin_client, admin_user, client, practice
):
    client.get("/consultation/")  # the old wording, now in the page cache

    response = admin_client.post(
        "/admin/snippets/leads/consentversion/add/", nested_form_data({"language": "en", "text": NEW_WORDS})
    )

    assert response.status_code == 302
    version = ConsentVersion.objects.current()
    assert (version.number, version.text, version.created_by) == (2, NEW_WORDS, admin_user)
    page = client.get("/consultation/").content.decode()
    assert NEW_WORDS in page  # the cached page was purged
    assert 'name="consent_version" value="2"' in page


def test_the_add_form_starts_from_the_current_words(admin_client):
    response = admin_client.get("/admin/snippets/leads/consentversion/add/")

    assert ConsentVersion.objects.current().text in response.content.decode()


def test_nobody_can_change_or_delete_a_version_in_the_admin(admin_client):
    first = ConsentVersion.objects.current()

    edit = admin_client.post(
        f"/admin/snippets/leads/consentversion/edit/{first.pk}/", nested_form_data({"text": "Changed."})
    )
    delete = admin_client.post(f"/admin/snippets/leads/consentversion/delete/{first.pk}/")

    assert edit.status_code in (302, 403) and delete.status_code in (302, 403)
    first.refresh_from_db()
    assert first.text != "Changed."
    assert ConsentVersion.objects.filter(pk=first.pk).exists()
    listing = admin_client.get("/admin/snippets/leads/consentversion/").content.decode()
    assert f"/admin/snippets/leads/consentversion/inspect/{first.pk}/" in listing
