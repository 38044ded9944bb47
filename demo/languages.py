"""The demo's key pages in Spanish and Arabic, translated the way an editor does it with
wagtail-localize: a translation source taken from the English page, each of its texts translated
(the words are in demo/translations/<language>.po, by English text), then the translation
published. The admin shows each as a translation of that source: "Sync translated pages" and the
translation editor work on it as on any other."""

from functools import cache
from pathlib import Path

import polib
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from practice.languages import language_codes

WORDS = Path(__file__).parent / "translations"
LANGUAGES = ["es", "ar"]


@cache
def words(language):
    """{English text: its translation} for `language`."""
    return {entry.msgid: entry.msgstr for entry in polib.pofile(WORDS / f"{language}.po") if entry.msgstr}


def translate(page, locale):
    """Publish `page` in `locale`, unless it has a translation already (an editor's is kept). Its
    parent must have one first. Every text must be in the .po: a missing one stops the load
    (wagtail-localize's MissingTranslationError) rather than leave English in the translation."""
    if page.has_translation(locale):
        return None
    page.refresh_from_db()  # as saved since: the demo's later steps stamp its clinical review
    source, _ = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(source=source, target_locale=locale)
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
    # Saved as a draft, then published here: wagtail-localize publishes on commit, which a test's
    # rolled-back transaction never reaches.
    translation, _ = source.create_or_update_translation(locale, publish=False)
    translation.get_latest_revision().publish(log_action=False)
    return translation


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
            translated += [translate(page, locale) for page in pages]
    for page in filter(None, translated):
        ReferenceIndex.create_or_update_for_object(page)
