"""Staff add the consent wording of each language in the admin (frontdesk/consent_admin.py); the form
in that language shows it from then on, and the other languages keep theirs."""

import pytest
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data

from leads.models import ConsentVersion
from leads.models.consent import FIRST_CONSENT_TEXT

pytestmark = pytest.mark.django_db

SPANISH_WORDS = "Acepto que la clínica me llame o me escriba sobre esta solicitud (texto C)."


def test_a_wording_added_for_spanish_is_shown_on_spanish_pages_only(
    admin_client, admin_user, client, practice
):
    Locale.objects.get_or_create(language_code="es")
    client.get("/es/consultation/")  # the shipped wording's translation, now in the page cache

    response = admin_client.post(
        "/admin/snippets/leads/consentversion/add/",
        nested_form_data({"language": "es", "text": SPANISH_WORDS}),
    )

    assert response.status_code == 302
    added = ConsentVersion.objects.get(text=SPANISH_WORDS)
    assert (added.language, added.created_by) == ("es", admin_user)
    assert ConsentVersion.objects.current("es") == added
    assert ConsentVersion.objects.current().text == FIRST_CONSENT_TEXT
    spanish = client.get("/es/consultation/").content.decode()
    assert SPANISH_WORDS in spanish  # the cached page was purged
    assert f'name="consent_version" value="{added.number}"' in spanish
    assert SPANISH_WORDS not in client.get("/consultation/").content.decode()


def test_the_wording_list_says_each_versions_language_and_filters_by_it(admin_client):
    ConsentVersion.objects.current()
    ConsentVersion.objects.create(text=SPANISH_WORDS, language="es")

    listing = admin_client.get("/admin/snippets/leads/consentversion/").content.decode()
    spanish_only = admin_client.get("/admin/snippets/leads/consentversion/?language=es").content.decode()

    assert "Spanish" in listing and "English" in listing
    assert "Acepto que la clínica" in spanish_only
    assert "I agree that the practice" not in spanish_only


def test_a_language_the_site_does_not_offer_is_refused(admin_client):
    response = admin_client.post(
        "/admin/snippets/leads/consentversion/add/",
        nested_form_data({"language": "fr", "text": "J'accepte."}),
    )

    assert response.status_code == 200
    assert not ConsentVersion.objects.filter(language="fr").exists()
