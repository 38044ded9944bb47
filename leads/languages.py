"""The language a lead was sent in, and a consent wording is written in: one of the site's languages
(PRACTICE_LANGUAGES, docs/translations.md)."""

from django.conf import settings
from django.utils import translation

# Django's longest language codes ("zh-hans", "sr-latn") with room to spare.
LANGUAGE_MAX_LENGTH = 12


def language_choices():
    """The site's languages, each named in English for the front desk and the admin. A callable, so
    the choices follow PRACTICE_LANGUAGES without a migration when a practice adds a language."""
    return [(code, translation.get_language_info(code)["name"]) for code, _name in settings.LANGUAGES]


def active_language():
    """The language the request or email is in now, else the site's default language."""
    return translation.get_language() or settings.LANGUAGE_CODE
