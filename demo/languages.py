"""The demo's key pages in Spanish and Arabic, translated the way an editor does it with
wagtail-localize: a translation source taken from the English page, each of its texts translated
(the words are in demo/translations/<language>.po, by English text), then the translation
published. The admin shows each as a translation of that source: "Sync translated pages" and the
translation editor work on it as on any other. The snippets those pages show (the treatment
categories and the laser page's gallery items) are translated first, the same way: a page's
translation points at its category's."""

from functools import cache
from pathlib import Path

import polib
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from gallery.models import GalleryItem
from practice.languages import language_codes
from practice.models import PracticeSettings, TaglineTranslation
from treatments.models import TreatmentCategory

WORDS = Path(__file__).parent / "translations"
LANGUAGES = ["es", "ar"]


@cache
def words(language):
    """{English text: its translation} for `language`."""
    return {entry.msgid: entry.msgstr for entry in polib.pofile(WORDS / f"{language}.po") if entry.msgstr}


def fill_in(source, locale):
    """Every text of `source` translated into `locale`, from the .po (a text missing from it is left
    out, and wagtail-localize then refuses the translation)."""
    translated = words(locale.language_code)
    segments = StringSegment.objects.filter(source=source).select_related("string")
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of=segment.string,
                locale=locale,
                context_id=segment.context_id,
                data=translated[segment.string.data],
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            for segment in segments
            if segment.string.data in translated
        ],
        ignore_conflicts=True,
    )


def translate(page, locale):
    """Publish `page` in `locale`, unless it has a translation already (an editor's is kept). Its
    parent must have one first. Every text must be in the .po: a missing one stops the load
    (wagtail-localize's MissingTranslationError) rather than leave English in the translation."""
    if page.has_translation(locale):
        return None
    page.refresh_from_db()  # as saved since: the demo's later steps stamp its clinical review
    source, _ = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    fill_in(source, locale)
    # Saved as a draft, then published here: wagtail-localize publishes on commit, which a test's
    # rolled-back transaction never reaches.
    translation, _ = source.create_or_update_translation(locale, publish=False)
    translation.get_latest_revision().publish(log_action=False)
    return translation


def translate_snippet(snippet, locale):
    """Save `snippet` in `locale` (a snippet has no drafts), unless it has a translation already;
    like a page, every text must be in the .po."""
    if snippet.has_translation(locale):
        return
    source, _ = TranslationSource.get_or_create_from_instance(snippet)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    fill_in(source, locale)
    source.create_or_update_translation(locale)


def snippets_shown(pages):
    """The snippets `pages` show: every category (the form lists them all) and the gallery items
    shown on them (one whose consent has ended may not be published in any language)."""
    source = Locale.get_default()
    return [
        *TreatmentCategory.objects.filter(locale=source),
        *GalleryItem.objects.shown().filter(locale=source, treatment__in=[page.pk for page in pages]),
    ]


def translate_tagline(language):
    """The practice's tagline in `language`, unless an editor has written one or changed the English
    tagline the .po translates."""
    for details in PracticeSettings.objects.exclude(tagline=""):
        if tagline := words(language).get(details.tagline):
            TaglineTranslation.objects.get_or_create(
                practice=details, language=language, defaults={"tagline": tagline}
            )


def load(pages):
    """`pages` (parents before children) in each demo language the site has."""
    translated = []
    # A translation is saved four times on its way (copied, filled in, revised, published): its
    # references are indexed once, at the end, rather than after each save (a second saved).
    with disable_reference_index_auto_update():
        for language in LANGUAGES:
            if language not in language_codes():
                continue
            locale, _ = Locale.objects.get_or_create(language_code=language)
            translate_tagline(language)
            for snippet in snippets_shown(pages):
                translate_snippet(snippet, locale)
            translated += [translate(page, locale) for page in pages]
    for page in filter(None, translated):
        ReferenceIndex.create_or_update_for_object(page)
