"""The strings a patient sees: every one translated in each shipped locale, and the consultation
form, its errors, the thank-you page and the confirmation email shown in the patient's language."""

import datetime
import re
import subprocess

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale

from leads.forms import ConsultationForm
from leads.notifications import email_context, patient_confirmation
from practice.hours import day_text
from tests.leads.factories import LeadFactory

LOCALES = ["es", "ar"]
CATALOGUES = {code: settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po" for code in LOCALES}

# What each language says for a few strings of the form, its errors and the thank-you page.
SAID = {
    "en": {
        "summary": "There is a problem with your request",
        "consent": "Tick this box so that we may contact you about your request.",
        "reach": "Enter an email address or a phone number, so that we can reach you.",
        "required": "This field is required.",
        "legend": "Your details",
        "submit": "Send my request",
        "thanks": "Thank you, we have your request",
        "next": "What happens next",
        "subject": "We have your consultation request",
        "closing": "If you did not send this request, please reply to this email and we will delete it.",
    },
    "es": {
        "summary": "Hay un problema con su solicitud",
        "consent": "Marque esta casilla para que podamos contactarle sobre su solicitud.",
        "reach": "Escriba un correo electrónico o un número de teléfono para que podamos contactarle.",
        "required": "Este campo es necesario.",  # Django's own translation
        "legend": "Sus datos",
        "submit": "Enviar mi solicitud",
        "thanks": "Gracias, hemos recibido su solicitud",
        "next": "Qué pasa ahora",
        "subject": "Hemos recibido su solicitud de consulta",
        "closing": "Si usted no ha enviado esta solicitud, responda a este correo y la eliminaremos.",
    },
    "ar": {
        "summary": "توجد مشكلة في طلبك",
        "consent": "ضع علامة في هذا المربع لنتمكّن من التواصل معك بشأن طلبك.",
        "reach": "أدخل عنوان بريد إلكتروني أو رقم هاتف لنتمكّن من التواصل معك.",
        "required": "هذا الحقل مطلوب.",
        "legend": "بياناتك",
        "submit": "أرسل طلبي",
        "thanks": "شكرًا لك، استلمنا طلبك",
        "next": "ما الخطوات التالية",
        "subject": "استلمنا طلب الاستشارة الخاص بك",
        "closing": "إن لم تكن أنت من أرسل هذا الطلب، فيُرجى الرد على هذه الرسالة وسنحذفه.",
    },
}


@pytest.fixture(autouse=True)
def language_put_back():
    """A request under /es/ or /ar/ leaves its language active in the thread, where the next test's
    reverse() would pick it up: each test here ends in the language it started in."""
    with translation.override(translation.get_language()):
        yield


@pytest.mark.database_independent("reads the catalogues")
@pytest.mark.parametrize("code", LOCALES)
def test_every_string_is_translated_with_no_fuzzy_entry(code):
    checked = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUES[code])],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    # Only "N translated messages.": msgfmt adds the fuzzy and untranslated counts when there are any.
    assert re.fullmatch(r"[0-9]+ translated messages?\.\n", checked.stderr), checked.stderr
    assert "#, fuzzy" not in CATALOGUES[code].read_text()


@pytest.mark.database_independent("reads a catalogue")
def test_arabic_has_its_six_plural_forms():
    assert "nplurals=6;" in CATALOGUES["ar"].read_text()


@pytest.fixture
def request_for_the_site(practice):
    return RequestFactory().get("/consultation/", HTTP_HOST="localhost")


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", *LOCALES])
def test_the_form_and_its_errors_are_in_the_patients_language(code, practice, request_for_the_site):
    with translation.override(code):
        form = ConsultationForm(data={"first_name": "", "preferred_contact": "phone", "best_time": "any"})
        assert not form.is_valid()
        html = render_to_string(
            "leads/includes/consultation_form.html", {"form": form}, request=request_for_the_site
        )
    said = SAID[code]
    for key in ("summary", "consent", "reach", "required", "legend", "submit"):
        assert said[key] in html, key
    if code != "en":
        assert SAID["en"]["summary"] not in html
        assert SAID["en"]["reach"] not in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", *LOCALES])
def test_the_thank_you_page_is_in_the_patients_language(code, practice, request_for_the_site):
    with translation.override(code):
        html = render_to_string("leads/thank_you.html", {"times": None}, request=request_for_the_site)
    assert SAID[code]["thanks"] in html
    assert SAID[code]["next"] in html
    if code != "en":
        assert SAID["en"]["thanks"] not in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", *LOCALES])
def test_the_patients_confirmation_is_in_the_language_it_is_built_in(code, practice, settings):
    settings.LEADS_PATIENT_CONFIRMATION = True
    lead = LeadFactory()
    with translation.override(code):
        message = patient_confirmation(lead, email_context(lead))
    assert message.subject == f"{SAID[code]['subject']} - {practice.name}"
    assert SAID[code]["closing"] in message.body
    assert lead.first_name in message.body


@pytest.mark.database_independent("formats a date")
def test_a_day_is_written_in_each_languages_own_order():
    day = datetime.date(2026, 12, 8)
    written = {}
    for code in ["en", *LOCALES]:
        with translation.override(code):
            written[code] = (day_text(day), day_text(day, year=True))
    assert written["en"] == ("Tuesday 8 December", "Tuesday 8 December 2026")
    assert written["es"] == ("martes 8 de diciembre", "martes 8 de diciembre de 2026")
    assert written["ar"] == ("الثلاثاء 8 ديسمبر", "الثلاثاء 8 ديسمبر 2026")


@pytest.mark.database_independent("renders a template")
@pytest.mark.parametrize(
    ("code", "hours"),
    [
        ("en", "<dt>Monday, Tuesday</dt>"),
        ("es", "<dt>Lunes, Martes</dt>"),
        ("ar", "<dt>الاثنين، الثلاثاء</dt>"),
    ],
)
def test_the_footers_opening_days_are_in_the_readers_language(code, hours):
    practice = {
        "name": "Practice",
        "opening_hours": [{"value": {"days": ["Monday", "Tuesday"], "opens": None, "closes": None}}],
    }
    with translation.override(code):
        html = render_to_string("includes/footer.html", {"practice": practice})
    assert hours in html


@pytest.mark.django_db
def test_an_untranslated_pages_notice_is_in_the_readers_language(client, about, spanish_home):
    html = client.get("/es/about/").text

    assert (
        '<p class="container alert alert-warning mt-3" role="note" lang="es" data-untranslated>'
        "Esta página aún no se ha traducido, así que se muestra en su idioma original.</p>"
    ) in html


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "code"), [("", "en"), ("/es", "es"), ("/ar", "ar")])
def test_the_consultation_page_speaks_the_language_of_its_address(client, practice, spanish, prefix, code):
    Locale.objects.get_or_create(language_code="ar")
    html = client.post(
        f"{prefix}/consultation/",
        {"first_name": ""},
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    ).text

    assert SAID[code]["summary"] in html
    assert SAID[code]["consent"] in html
