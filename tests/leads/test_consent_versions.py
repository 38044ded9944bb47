"""Consent wording in versions: append-only, shown by the form, kept by each lead (its admin screens:
tests/frontdesk/test_consent_admin.py)."""

import pytest
from django.db.models import ProtectedError
from django.test import Client

from leads.models import ConsentVersion, Lead
from leads.models.consent import wording_to_show
from tests.factories import StandardPageFactory

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]

NEW_WORDS = "I agree that the clinic may phone or email me about this request (wording C)."


def test_the_first_version_is_the_wording_the_form_showed_before(client, practice):
    first = ConsentVersion.objects.get(number=1)  # made by migration 0012

    assert first.text.startswith("I agree that the practice may store these details")
    assert ConsentVersion.objects.current() == first
    assert first.text in client.get("/consultation/").content.decode()


def test_a_new_version_shows_on_the_next_blank_form_though_the_wording_shown_is_kept_between_renders(
    client, practice, django_assert_num_queries
):
    client.get("/consultation/")  # keeps the wording shown in the shared cache
    with django_assert_num_queries(0):
        shown = wording_to_show()
    assert shown == ConsentVersion.objects.current()

    ConsentVersion.objects.create(text=NEW_WORDS)

    assert NEW_WORDS in client.get("/consultation/").content.decode()


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
