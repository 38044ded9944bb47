"""Snippets an editor translates (treatment categories, gallery items, testimonials): each language's
copy is a row of its own (wagtail-localize's TranslatableMixin), but what the public sees is decided
by the row it is read through, never by whether a translation exists. The copy in the reader's
language only lends that row its words; a snippet not translated yet is shown in its own language,
marked with a `lang` attribute, never hidden."""

import copy

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import TranslatableField, get_translatable_fields

from .languages import site_locales, source_locale_id


class TranslatableSnippet(TranslatableMixin):
    """A translatable snippet saved without a language is in the source language: code, fixtures
    and forms that predate translations keep creating English rows."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def clean_fields(self, exclude=None):
        if self.locale_id is None:  # save() gives it one
            exclude = {*(exclude or ()), "locale"}
        super().clean_fields(exclude)

    def save(self, *args, **kwargs):
        if self.locale_id is None:
            self.locale = self.get_default_locale()
        super().save(*args, **kwargs)


def one_per_snippet(queryset):
    """`queryset` with one row per snippet, the one the public sees it through: its copy in the
    source language, or, for a snippet first written in another language and not translated into
    the source one, that copy. Its translations lend it their words (in_reading_language)."""
    source = source_locale_id()
    if source is None:
        return queryset
    in_source = queryset.model._default_manager.filter(
        translation_key=OuterRef("translation_key"), locale_id=source
    )
    return queryset.filter(Q(locale_id=source) | ~Exists(in_source))


def translated_words(model):
    """The names of `model`'s fields an editor translates (wagtail-localize's translatable fields
    that hold words, not links to other rows)."""
    return [
        field.field_name
        for field in get_translatable_fields(model)
        if isinstance(field, TranslatableField) and not model._meta.get_field(field.field_name).is_relation
    ]


def in_reading_language(rows, language=None):
    """`rows` (saved snippets of one model, in any language) in the order given, each a copy with
    the words of its translation into `language` (the active one) when there is one, in one query
    (none when every row is in that language). Each copy's `lang` is the language of its words
    where it is not the reader's (for a `lang` attribute), else None; `translated_from` is the
    language of the row whose words were replaced, else None."""
    rows = list(rows)
    if not rows:
        return []
    model = type(rows[0])
    language = language or get_language()
    locales = site_locales()
    reading = locales.get(language)
    language_of = {pk: code for code, pk in locales.items()}
    elsewhere = {row.translation_key for row in rows if row.locale_id != reading}
    translations = {}
    if reading is not None and elsewhere:
        translations = {
            row.translation_key: row
            for row in model._default_manager.filter(locale_id=reading, translation_key__in=elsewhere)
        }
    words = translated_words(model)
    shown = []
    for row in rows:
        row = copy.copy(row)
        written_in = language_of.get(row.locale_id, settings.LANGUAGE_CODE)
        translation = translations.get(row.translation_key)
        if translation is not None:
            for name in words:
                setattr(row, name, getattr(translation, name))
        row.lang = None if translation is not None or written_in == language else written_in
        row.translated_from = written_in if translation is not None else None
        shown.append(row)
    return shown
