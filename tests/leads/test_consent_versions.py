"""Consent wording edited in the admin: append-only versions, shown by the form, kept by each lead."""

import pytest
from django.db.models import ProtectedError
from django.test import Client
from wagtail.test.utils.form_data import nested_form_data

from leads.models import ConsentVersion, Lead
from tests.factories import StandardPageFactory

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = pytest.mark.django_db

NEW_WORDS = "I agree that the clinic may phone or email me about this request (wording C)."


def test_the_first_version_is_the_wording_the_form_showed_before(client, practice):
    first = ConsentVersion.objects.get(number=1)  # made by migration 0012

    assert first.text.startswith("I agree that the practice may store these details")
    assert ConsentVersion.objects.current() == first
    assert first.text in client.get("/consultation/").content.decode()


def test_a_new_version_in_the_admin_is_numbered_signed_and_shown_by_the_form(
    admin_client, admin_user, client, practice
):
    client.get("/consultation/")  # the old wording, now in the page cache

    response = admin_client.post(
        "/admin/snippets/leads/consentversion/add/", nested_form_data({"text": NEW_WORDS})
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


def test_a_version_cannot_be_changed_or_deleted_in_code_either():
    first = ConsentVersion.objects.current()
    LeadFactory(consent_wording=first)

    first.text = "Changed."
    with pytest.raises(ValueError, match="never changed"):
        first.save()
    with pytest.raises(ValueError, match="never deleted"):
        first.delete()
    with pytest.raises(ProtectedError):
        ConsentVersion.objects.filter(pk=first.pk).delete()


def test_a_page_cached_before_a_change_records_the_version_its_reader_saw(send):
    first = ConsentVersion.objects.current()
    ConsentVersion.objects.create(text=NEW_WORDS)

    send(valid_answers(consent_version=str(first.number)))

    lead = Lead.objects.get()
    assert lead.consent_wording == first
    assert lead.consent_text == first.text
    assert lead.consent_version == "1"


def test_a_form_without_a_version_records_the_current_one(send):
    current = ConsentVersion.objects.create(text=NEW_WORDS)

    send(valid_answers())

    assert Lead.objects.get().consent_wording == current


def test_an_unknown_version_asks_the_patient_to_read_and_tick_again_keeping_their_answers(send):
    answers = valid_answers(consent_version="99")

    response = send(answers)

    page = response.content.decode()
    assert response.status_code == 200
    assert not Lead.objects.exists()
    assert "Our consent wording has changed. Please read it again and tick the box." in page
    assert f'value="{answers["first_name"]}"' in page
    assert 'name="consent_version" value="1"' in page
    assert 'name="consent" checked' not in page and 'checked name="consent"' not in page


def test_the_consent_box_and_the_footer_link_the_privacy_notice(client, home, practice):
    privacy = StandardPageFactory(parent=home, title="Privacy notice", slug="privacy")
    statement = StandardPageFactory(parent=home, title="Accessibility statement", slug="accessibility")
    practice.privacy_notice_page = privacy
    practice.accessibility_statement_page = statement
    practice.save()

    for url in ("/consultation/", "/privacy/"):
        page = Client().get(url).content.decode()
        footer = page[page.index("<footer") :]
        assert '<a href="/privacy/">Privacy notice</a>' in footer
        assert '<a href="/accessibility/">Accessibility statement</a>' in footer
    form = client.get("/consultation/").content.decode()
    consent_box = form[form.index('name="consent"') : form.index('name="marketing_consent"')]
    assert '<a href="/privacy/">our privacy notice</a>' in consent_box
