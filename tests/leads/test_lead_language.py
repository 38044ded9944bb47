"""A lead records the language of the URL its form was sent to, and keeps the consent wording and
version shown in that language (docs/translations.md, "The lead's language")."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Locale

from leads.models import ConsentVersion, Lead
from leads.models.consent import FIRST_CONSENT_TEXT

from .conftest import valid_answers

pytestmark = pytest.mark.django_db

SHIPPED = {
    "en": FIRST_CONSENT_TEXT,
    "es": "Acepto que la clínica guarde estos datos y los use para ponerse en contacto conmigo",
    "ar": "أوافق على أن تحتفظ العيادة بهذه البيانات",
}
UNTRANSLATED_NOTICE = {
    "es": "El texto de nuestro consentimiento todavía no está disponible en su idioma",
    "ar": "صياغة الموافقة لدينا غير متاحة بلغتك بعد",
}
SPANISH_WORDS = "Acepto que la clínica me llame o me escriba sobre esta solicitud (texto C)."
ENGLISH_WORDS = "I agree that the clinic may phone or email me about this request (wording C)."
VERSION = re.compile(r'name="consent_version" value="([0-9]+)"')


def consultation_url(code):
    return "/consultation/" if code == "en" else f"/{code}/consultation/"


@pytest.fixture
def languages(db):
    """Spanish and Arabic added by an editor, as docs/translations.md says."""
    Locale.objects.get_or_create(language_code="es")
    Locale.objects.get_or_create(language_code="ar")


@pytest.fixture
def post(client, practice, languages):
    """POST the consultation form to `url` the way a browser on our own site does."""

    def post(url, data):
        return client.post(url, data, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin")

    return post


def shown_version(client, url):
    """The consent version number the blank form at `url` carries, and the page."""
    page = client.get(url).content.decode()
    return int(VERSION.search(page).group(1)), page


@pytest.mark.parametrize("code", ["en", "es", "ar"])
def test_a_lead_records_the_language_and_the_consent_wording_its_form_showed(client, post, code):
    number, page = shown_version(client, consultation_url(code))
    shown = ConsentVersion.objects.get(number=number)
    assert shown.language == code
    assert SHIPPED[code] in shown.text
    assert SHIPPED[code] in page

    response = post(consultation_url(code), valid_answers(consent_version=str(number)))

    assert response.status_code == 302
    lead = Lead.objects.get()
    assert lead.language == code
    assert lead.consent_wording == shown
    assert (lead.consent_text, lead.consent_version) == (shown.text, str(number))


def test_each_language_shows_its_own_wording_once_staff_add_one(client, post):
    spanish = ConsentVersion.objects.create(text=SPANISH_WORDS, language="es")

    number, page = shown_version(client, "/es/consultation/")
    assert number == spanish.number
    assert SPANISH_WORDS in page
    assert UNTRANSLATED_NOTICE["es"] not in page
    english_number, english_page = shown_version(client, "/consultation/")
    assert ConsentVersion.objects.get(number=english_number).text == FIRST_CONSENT_TEXT
    assert SPANISH_WORDS not in english_page

    post("/es/consultation/", valid_answers(consent_version=str(number)))

    lead = Lead.objects.get()
    assert (lead.language, lead.consent_wording, lead.consent_text) == ("es", spanish, SPANISH_WORDS)


def test_a_new_english_wording_is_shown_in_english_with_a_notice_until_it_is_translated(client, post):
    ConsentVersion.objects.create(text=SPANISH_WORDS, language="es")
    english = ConsentVersion.objects.create(text=ENGLISH_WORDS)  # newer: the Spanish says other words

    for code in ("es", "ar"):
        number, page = shown_version(client, consultation_url(code))
        assert number == english.number
        assert ENGLISH_WORDS in page
        assert UNTRANSLATED_NOTICE[code] in page
    post("/ar/consultation/", valid_answers(consent_version=str(english.number)))

    lead = Lead.objects.get()
    assert (lead.language, lead.consent_wording, lead.consent_text) == ("ar", english, ENGLISH_WORDS)

    translated = ConsentVersion.objects.create(text=SPANISH_WORDS + " (2)", language="es")
    assert shown_version(client, "/es/consultation/")[0] == translated.number


def test_the_shipped_wording_is_translated_once_and_kept_as_a_version(client):
    first, _page = shown_version(client, "/es/consultation/")
    again, _page = shown_version(client, "/es/consultation/")

    assert first == again
    assert ConsentVersion.objects.filter(language="es").count() == 1


def test_a_form_sent_to_another_languages_url_takes_the_urls_language_and_keeps_the_words_shown(client, post):
    spanish_number, _page = shown_version(client, "/es/consultation/")

    response = post("/consultation/", valid_answers(consent_version=str(spanish_number)))

    assert response.status_code == 302
    assert response["Location"].startswith("/consultation/thank-you/")
    lead = Lead.objects.get()
    assert lead.language == "en"
    assert lead.consent_wording.number == spanish_number  # the words the patient read and ticked
    assert lead.consent_wording.language == "es"


def test_a_form_with_mistakes_sent_to_another_languages_url_is_shown_again_in_that_language(client, post):
    spanish_number, _page = shown_version(client, "/es/consultation/")

    response = post(
        "/ar/consultation/", valid_answers(consent_version=str(spanish_number), email="", phone="")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="ar"' in page
    assert f'name="consent_version" value="{spanish_number}"' in page
    assert SHIPPED["es"] in page  # the words the patient read, not said to be English
    assert UNTRANSLATED_NOTICE["ar"] not in page
    assert not Lead.objects.exists()


def test_the_embedded_form_keeps_each_languages_wording_apart_in_the_shared_cache(
    client, treatment, languages
):
    with override_settings(PAGE_CACHE_SECONDS=0):
        english = client.get(treatment.url).content.decode()
        spanish = client.get(f"/es{treatment.url}").content.decode()
        assert FIRST_CONSENT_TEXT in english and SHIPPED["es"] in spanish
        assert SHIPPED["es"] not in english

        added = ConsentVersion.objects.create(text=SPANISH_WORDS, language="es")

        spanish = client.get(f"/es{treatment.url}").content.decode()
        english = client.get(treatment.url).content.decode()
    assert SPANISH_WORDS in spanish
    assert f'name="consent_version" value="{added.number}"' in spanish
    assert FIRST_CONSENT_TEXT in english and SPANISH_WORDS not in english
