"""Snippets an editor translates: treatment categories, gallery items and testimonials are read in the
reader's language where a translation exists, and in their own words, marked with their language,
where none does; never hidden for being untranslated. What decides whether a gallery item or
testimonial is shown (consent, publication) is the source's, for every language."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from tests.gallery.factories import GalleryItemFactory
from tests.testimonials.test_testimonials import PatientTestimonialFactory
from tests.treatments.factories import TreatmentCategoryFactory, TreatmentPageFactory

from .conftest import translate

pytestmark = pytest.mark.django_db

OPTGROUP = re.compile(r'<optgroup label="([^"]+)"')
HEADING = re.compile(r'<h2 id="category-\d+"[^>]*>([^<]+)</h2>')


def translate_snippet(snippet, locale, **words):
    """`snippet`'s copy in `locale`, with `words` in its translated fields (the rest copied)."""
    copy = snippet.copy_for_translation(locale)
    for name, value in words.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def categories(spanish):
    """Skin tightening, translated into Spanish; Injectables, not translated."""
    skin = TreatmentCategoryFactory(name="Skin tightening", slug="skin-tightening", sort_order=1)
    translate_snippet(skin, spanish, name="Tensado de la piel", description="Piel más firme.")
    return skin, TreatmentCategoryFactory(name="Injectables", slug="injectables", sort_order=2)


@pytest.fixture
def laser(treatment_index, practice, categories):
    return TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening", category=categories[0])


@pytest.fixture
def toxin(treatment_index, categories):
    return TreatmentPageFactory(
        parent=treatment_index, title="Anti-wrinkle injections", category=categories[1]
    )


@pytest.fixture
def spanish_pages(spanish_home, spanish, treatment_index, laser, toxin):
    """The treatments index and the laser page in Spanish (the Spanish laser page points at the
    English category, as a copied page does until its category is translated with it)."""
    index = translate(treatment_index, spanish, title="Tratamientos")
    return index, translate(laser, spanish, title="Tensado con láser", slug="tensado-con-laser")


def test_the_spanish_form_names_its_groups_in_spanish_and_falls_back_to_english(
    client, laser, toxin, spanish_pages
):
    english = OPTGROUP.findall(client.get("/consultation/").content.decode())
    spanish = OPTGROUP.findall(client.get("/es/consultation/").content.decode())

    assert english == ["Skin tightening", "Injectables"]
    assert spanish == ["Tensado de la piel", "Injectables"]


def test_the_spanish_treatments_index_names_the_category_in_spanish(client, treatment_index, spanish_pages):
    spanish_index, _laser = spanish_pages

    spanish = client.get(spanish_index.url).content.decode()
    english = client.get(treatment_index.url).content.decode()
    one_category = client.get(spanish_index.url, {"category": "skin-tightening"}).content.decode()

    assert HEADING.findall(spanish) == ["Tensado de la piel"]
    assert "Piel más firme." in spanish
    assert HEADING.findall(english) == ["Skin tightening", "Injectables"]
    assert '<h2 id="category-heading">Tensado de la piel</h2>' in one_category
    assert "Tensado con láser" in one_category


def test_treatments_pointing_at_either_languages_copy_are_listed_in_one_group(
    client, spanish, categories, spanish_pages
):
    spanish_index, laser_in_spanish = spanish_pages
    skin_in_spanish = categories[0].get_translation(spanish)
    TreatmentPageFactory(parent=spanish_index, title="Radiofrecuencia", category=skin_in_spanish)

    html = client.get(spanish_index.url).content.decode()

    assert HEADING.findall(html) == ["Tensado de la piel"]
    assert "Radiofrecuencia" in html and "Tensado con láser" in html


@pytest.fixture
def items(laser, spanish):
    """Two items of the laser page: one translated into Spanish, one not."""
    translated = GalleryItemFactory(treatment=laser, caption="Firmer jawline.", sort_order=1)
    translate_snippet(translated, spanish, caption="Mandíbula más firme.", before_alt_text="Antes, de perfil")
    untranslated = GalleryItemFactory(treatment=laser, caption="Smoother neck.", sort_order=2)
    return translated, untranslated


def test_the_spanish_page_shows_every_item_untranslated_ones_in_english_marked_so(
    client, items, spanish_pages
):
    _index, laser_in_spanish = spanish_pages

    html = client.get(laser_in_spanish.url).content.decode()

    assert '<p class="mb-0">Mandíbula más firme.</p>' in html
    assert 'alt="Antes, de perfil"' in html
    assert '<p class="mb-0" lang="en">Smoother neck.</p>' in html
    assert "Firmer jawline." not in html
    assert html.count('class="gallery-item card') == 2


def test_the_english_page_is_unchanged_by_a_translation(client, laser, items):
    html = client.get(laser.url).content.decode()

    assert '<p class="mb-0">Firmer jawline.</p>' in html and "Mandíbula" not in html
    assert 'lang="en"' not in html.split("<body", 1)[1]


def test_a_revoked_consent_hides_the_item_in_every_language(client, laser, items, spanish_pages):
    _index, laser_in_spanish = spanish_pages
    consent = items[0].consent
    consent.revoked, consent.revoked_on = True, consent.signed_on
    consent.save()

    assert "Firmer jawline." not in client.get(laser.url).content.decode()
    assert "Mandíbula más firme." not in client.get(laser_in_spanish.url).content.decode()


def render_testimonials(language):
    with translation.override(language):
        return Template("{% load testimonial_tags %}{% testimonials %}").render(Context())


def test_a_translated_testimonial_is_marked_as_a_translation_and_an_untranslated_one_keeps_its_language(
    spanish,
):
    translated = PatientTestimonialFactory(quote="The team explained every step.", attribution="Sam")
    translate_snippet(translated, spanish, quote="El equipo me explicó cada paso.")
    PatientTestimonialFactory(quote="Lovely clinic.", attribution="Jo")

    spanish_html = render_testimonials("es")
    english_html = render_testimonials("en")

    assert (
        "El equipo me explicó cada paso." in spanish_html
        and "Traducción. Idioma original: Inglés" in spanish_html
    )
    assert '<figure class="testimonial my-4" lang="en">' in spanish_html and "Lovely clinic." in spanish_html
    assert spanish_html.count("<figure") == 2
    assert "The team explained every step." in english_html and "Traducción" not in english_html
    assert "El equipo" not in english_html and 'lang="en"' not in english_html


def test_an_unpublished_source_hides_its_translation_too(spanish):
    testimonial = PatientTestimonialFactory(quote="Lovely clinic.")
    translate_snippet(testimonial, spanish, quote="Una clínica encantadora.")
    testimonial.live = False
    testimonial.save()

    assert "<figure" not in render_testimonials("es")


def test_a_testimonials_translation_is_checked_by_the_rules_of_its_language(spanish):
    testimonial = PatientTestimonialFactory(quote="The team explained every step.")
    source, _ = TranslationSource.get_or_create_from_instance(testimonial)
    Translation.objects.create(source=source, target_locale=spanish)
    spanish_words = {
        "The team explained every step.": "Botox a 150 euros, una oferta.",
        testimonial.attribution: testimonial.attribution,
    }
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=spanish,
            context=segment.context,
            data=spanish_words[segment.string.data],
        )

    with pytest.raises(ValidationError) as refused:
        source.create_or_update_translation(spanish)

    assert "quote" in refused.value.message_dict
    assert not testimonial.has_translation(spanish)


@pytest.mark.parametrize(
    ("path", "snippet"),
    [
        ("/admin/treatment-categories/", lambda: TreatmentCategoryFactory()),
        ("/admin/gallery_items/", lambda: GalleryItemFactory(treatment=TreatmentPageFactory())),
        ("/admin/testimonials/", lambda: PatientTestimonialFactory()),
    ],
)
def test_editors_can_translate_each_snippet_from_its_list(
    admin_client, treatment_index, spanish, path, snippet
):
    made = snippet()
    model = type(made)._meta

    html = admin_client.get(path).content.decode()

    assert f"/admin/localize/submit/snippet/{model.app_label}/{model.model_name}/{made.pk}/" in html


def test_treatments_without_a_category_are_listed_under_its_spanish_name(
    client, laser, treatment_index, spanish_pages
):
    TreatmentPageFactory(parent=treatment_index, title="Hair removal")

    spanish = OPTGROUP.findall(client.get("/es/consultation/").content.decode())

    assert spanish[-1] == "Otros tratamientos"
