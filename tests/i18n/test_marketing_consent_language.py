"""The optional marketing box is worded in the patient's language, and a lead that ticked it keeps
the words its form showed, as it keeps the consent wording's."""

import pytest

from leads.models import Lead
from tests.leads.conftest import valid_answers

pytestmark = pytest.mark.django_db

WORDING = {
    "en": "I would also like occasional news and offers from the practice by email (optional).",
    "es": "También me gustaría recibir de vez en cuando noticias y ofertas de la clínica por correo "
    "electrónico (opcional).",
    "ar": "أرغب أيضًا في تلقّي أخبار وعروض من العيادة بين حين وآخر عبر البريد الإلكتروني (اختياري).",
}
PREFIX = {"en": "", "es": "/es", "ar": "/ar"}


def send(client, language, **answers):
    return client.post(
        f"{PREFIX[language]}/consultation/",
        valid_answers(**answers),
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_the_box_is_worded_in_the_patients_language_and_kept_as_shown(client, practice, settings, language):
    settings.LEADS_MARKETING_CONSENT_VERSION = "m-7"
    html = client.get(f"{PREFIX[language]}/consultation/").content.decode()
    assert WORDING[language] in html
    for other in set(WORDING) - {language}:
        assert WORDING[other] not in html

    assert send(client, language, marketing_consent="on").status_code == 302

    lead = Lead.objects.get()
    assert (lead.language, lead.marketing_consent_text, lead.marketing_consent_version) == (
        language,
        WORDING[language],
        "m-7",
    )


def test_a_practices_own_wording_is_shown_and_kept_as_written_in_every_language(client, practice, settings):
    settings.LEADS_MARKETING_CONSENT_TEXT = "Send me the practice's newsletter."

    assert "Send me the practice&#x27;s newsletter." in client.get("/es/consultation/").content.decode()
    send(client, "es", marketing_consent="on")

    assert Lead.objects.get().marketing_consent_text == "Send me the practice's newsletter."
