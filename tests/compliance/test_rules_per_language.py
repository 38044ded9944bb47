"""Advertising rules read one language each: a translated page is checked by its own language's
rules, never passed by English ones, and text in a language without rules is said to be unchecked."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from compliance.models import AdvertisingRule
from compliance.services import check_content
from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def findings_in(language, intro):
    locale, _ = Locale.objects.get_or_create(language_code=language)
    page = StandardPageFactory.build(title="Tratamientos", intro=intro, locale=locale)
    return {(finding.rule.name, finding.blocks) for finding in check_content(page)}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Botox desde 199 € por zona."),
        ("es", "Inyecciones antiarrugas con un 20 % de descuento este mes."),
        ("ar", "البوتوكس بسعر 199 جنيهًا للمنطقة."),
        ("ar", "حقن التجاعيد مع خصم 20% هذا الشهر."),
    ],
)
def test_a_prescription_only_medicine_near_a_price_blocks_a_translation(home, language, text):
    name = {"es": "Spanish", "ar": "Arabic"}[language]

    assert (f"Prescription-only medicine with a price or offer ({name})", True) in findings_in(language, text)


@pytest.mark.parametrize(
    ("language", "text", "rule"),
    [
        ("es", "Un tratamiento sin dolor y sin riesgos.", "Claims of no risk (Spanish)"),
        ("es", "Un tratamiento sin dolor.", "Trivialising words (Spanish)"),
        ("es", "Oferta por tiempo limitado.", "Time-limited offers (Spanish)"),
        ("ar", "علاج بدون مخاطر.", "Claims of no risk (Arabic)"),
        ("ar", "علاج بدون ألم.", "Trivialising words (Arabic)"),
        ("ar", "لفترة محدودة.", "Time-limited offers (Arabic)"),
    ],
)
def test_each_language_has_the_english_rules_in_its_own_words(home, language, text, rule):
    assert rule in {name for name, _blocks in findings_in(language, text)}


def test_an_english_rule_reads_english_text_only(home):
    assert findings_in("en", "Painless.") == {("Trivialising words", False)}
    assert not any(name == "Trivialising words" for name, _ in findings_in("es", "Painless."))


def test_text_in_a_language_without_rules_is_said_to_be_unchecked(home):
    AdvertisingRule.objects.filter(language="es").update(enabled=False)

    assert findings_in("es", "Botox desde 199 €.") == {("No advertising rules in es", False)}


def test_the_demo_translations_break_no_rule_of_their_language(home):
    texts = {
        "es": "Los resultados duran años, pero no son permanentes; la recuperación suele ser rápida.",
        "ar": "تدوم النتائج سنوات، لكنها ليست دائمة؛ ويُجرى العلاج دون شقوق أو تخدير أو غرز.",
    }
    assert all(findings_in(language, text) == set() for language, text in texts.items())


def test_a_rule_must_name_a_language_of_the_site():
    rule = AdvertisingRule(name="x", pattern="x", message="x", language="xx")

    with pytest.raises(ValidationError, match="Not a language of the site"):
        rule.full_clean()
