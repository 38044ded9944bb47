"""The languages patients read the site in (docs/translations.md): English first, each other one
under its own URL prefix (/es/..., /ar/...)."""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from .environment import env

# English is the source every page is written in and the language of unprefixed URLs.
LANGUAGE_CODE = "en"
PRACTICE_LANGUAGES = env.list("PRACTICE_LANGUAGES", default=["en", "es", "ar"])
if LANGUAGE_CODE not in PRACTICE_LANGUAGES:
    raise ImproperlyConfigured(f"PRACTICE_LANGUAGES must include {LANGUAGE_CODE}, the source language.")
if unknown := [code for code in PRACTICE_LANGUAGES if code not in LANG_INFO]:
    raise ImproperlyConfigured(f"PRACTICE_LANGUAGES names languages Django does not know: {unknown}")
# Each language named in itself, as the language switcher shows it to a patient who reads it.
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in PRACTICE_LANGUAGES]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# English dates stay British (day first) though the language is "en", not "en-gb".
FORMAT_MODULE_PATH = ["practice.formats"]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
