"""The practice's tagline is the one piece of its details that editors word: it is translated beside
the English one, shown in each page's language (the English one where a language has none), and a
translation saved in the admin shows on the next page; the facts stay one row for every language."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from practice.models import PracticeSettings, TaglineTranslation
from tests.practice.test_hostile_input import practice_details_form
from tests.treatments.test_structured_data import json_ld

pytestmark = pytest.mark.django_db

ENGLISH = "Doctor-led skin and aesthetic treatments"
SPANISH = "Tratamientos estéticos y de la piel dirigidos por médicos"


@pytest.fixture
def tagline(practice):
    practice.tagline = ENGLISH
    practice.save()
    return practice


def footer(client, path):
    return client.get(path).content.decode().split('<footer class="site-footer')[1]


def test_each_language_shows_its_tagline_and_one_without_shows_the_english(client, tagline, spanish_home):
    TaglineTranslation.objects.create(practice=tagline, language="es", tagline=SPANISH)

    # Spanish first: the details memoised for it are not the English page's.
    spanish, english, arabic = footer(client, "/es/"), footer(client, "/"), footer(client, "/ar/")

    assert f"<p>{SPANISH}</p>" in spanish and ENGLISH not in spanish
    assert f"<p>{ENGLISH}</p>" in english and SPANISH not in english
    assert f"<p>{ENGLISH}</p>" in arabic
    assert tagline.phone in spanish and tagline.phone in english  # the same facts


def description(client, path):
    return json_ld(client.get(path).content.decode())["MedicalClinic"]["description"]


def test_the_structured_data_describes_the_practice_in_the_pages_language(
    client, tagline, spanish_home, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # each page rendered, its practice part from the memo
    assert description(client, "/es/") == ENGLISH  # no translation yet

    TaglineTranslation.objects.create(practice=tagline, language="es", tagline=SPANISH)

    # Each a second time, from the memo:
    assert [description(client, path) for path in ("/es/", "/", "/es/", "/")] == [SPANISH, ENGLISH] * 2


def settings_form(translations):
    """The details as the admin sends them, with the tagline's `translations`."""
    return practice_details_form(
        tagline=ENGLISH, **nested_form_data({"tagline_translations": inline_formset(translations)})
    )


def test_a_translation_saved_in_the_admin_shows_on_the_next_spanish_page(
    admin_client, client, tagline, spanish_home
):
    assert f"<p>{ENGLISH}</p>" in footer(client, "/es/")
    url = reverse("wagtailsettings:edit", args=("practice", "practicesettings", tagline.site_id))

    response = admin_client.post(url, settings_form([{"language": "es", "tagline": SPANISH}]))

    assert response.status_code == 302, response.context["form"].errors
    assert f"<p>{SPANISH}</p>" in footer(client, "/es/")
    assert f"<p>{ENGLISH}</p>" in footer(client, "/")


def test_a_language_has_one_tagline(admin_client, tagline):
    url = reverse("wagtailsettings:edit", args=("practice", "practicesettings", tagline.site_id))
    twice = [{"language": "es", "tagline": SPANISH}, {"language": "es", "tagline": "Otra"}]

    response = admin_client.post(url, settings_form(twice))

    assert response.status_code == 200
    assert not PracticeSettings.objects.get(pk=tagline.pk).tagline_translations.exists()


def test_the_source_language_is_not_offered_as_a_translation():
    field = TaglineTranslation._meta.get_field("language")

    assert [code for code, _name in field.choices] == ["es", "ar"]
