"""The demo's key pages in Spanish and Arabic: translations made with wagtail-localize from the
English pages, so the admin shows them as following their source."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation

from practice.models import HomePage
from treatments.models import ArticlePage, TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def english(model, **lookup):
    return model.objects.get(locale=Locale.get_default(), **lookup)


@pytest.mark.parametrize(
    ("language", "title", "question"),
    [
        ("es", "Tensado de la piel con láser", "¿Es permanente el tensado de la piel con láser?"),
        ("ar", "شدّ البشرة بالليزر", "هل نتائج شدّ البشرة بالليزر دائمة؟"),
    ],
)
def test_the_laser_page_is_published_in_each_language_in_its_own_words(client, language, title, question):
    laser = english(TreatmentPage, slug="laser-skin-tightening")
    translated = laser.get_translation(Locale.objects.get(language_code=language))

    html = client.get(translated.url).text

    assert translated.live and translated.url.startswith(f"/{language}/")
    assert f"{title}</h1>" in html
    assert question in html
    assert "data-untranslated" not in html
    assert "Is laser skin tightening permanent?" not in html


def test_each_translation_follows_its_english_source_in_wagtail_localize():
    sources = [
        english(HomePage),
        english(TreatmentPage, slug="laser-skin-tightening"),
        english(ArticlePage, slug="is-laser-tightening-permanent"),
    ]
    for page in sources:
        translations = Translation.objects.filter(source__object_id=page.translation_key)
        assert sorted(translations.values_list("target_locale__language_code", flat=True)) == ["ar", "es"]
        for translation in translations:
            total, translated = translation.get_progress()
            assert total > 0 and translated == total
            assert translation.source.translation_logs.filter(locale=translation.target_locale).exists()


def test_the_spanish_article_has_a_spanish_address(client):
    article = english(ArticlePage, slug="is-laser-tightening-permanent")
    spanish = article.get_translation(Locale.objects.get(language_code="es"))

    assert spanish.url == "/es/articulos/es-permanente-el-tensado-con-laser/"
    assert client.get(spanish.url).status_code == 200


@pytest.mark.parametrize(("prefix", "heading"), [("/es/", "Pedir una consulta"), ("/ar/", "احجز استشارة")])
def test_the_consultation_page_speaks_each_demo_language(client, prefix, heading):
    assert heading in client.get(f"{prefix}consultation/").text


@pytest.mark.parametrize(
    ("prefix", "tagline"),
    [
        ("", "Doctor-led skin and aesthetic treatments"),
        ("/es", "Tratamientos estéticos y de la piel dirigidos por médicos"),
        ("/ar", "علاجات للبشرة وعلاجات تجميلية بإشراف أطباء"),
    ],
)
def test_the_practice_tagline_is_in_each_demo_language(client, prefix, tagline):
    assert tagline in client.get(f"{prefix}/").content.decode()
