"""The language a request is served in, named by its URL's prefix alone (/es/..., /ar/...; none for
English), and the page tree of that language.

Only the path decides: no Accept-Language negotiation, no language cookie. So a URL always shows
the same language, and a page stays the same for every visitor, which the page cache needs
(a `Vary: Accept-Language` would make nothing storable; docs/translation-approach.md, finding 1).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Locale

from .memo import memoised


def path_language(path):
    """The language the URL's prefix names, or the source language for an unprefixed path (or one
    whose prefix names no language of the site, which then routes, and 404s, as English)."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


class PathLanguageMiddleware:
    """Activate the language of the URL's prefix for the rest of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = path_language(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def localized_root(request, root_page):
    """The site's root page in the active language: its live translation, else the root itself
    (then pages under /es/ are the source's, shown with a notice). A site's root is the source
    language's home, so English costs nothing; another language's is found once per process, cache
    generation and language (memo keys carry the language)."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return root_page
    return memoised(request, f"localized-root:{root_page.pk}", lambda: root_page.localized)


def home_path():
    """The path of the site's root page in the active language: "/", "/es/"."""
    language = translation.get_language()
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"


def source_root(request, localized_root_page):
    """The source language's translation of a localized root: where an untranslated page is found."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return localized_root_page
    return memoised(
        request,
        f"source-root:{localized_root_page.pk}",
        lambda: localized_root_page.get_translation_or_none(Locale.get_default()) or localized_root_page,
    )


def site_locales(request):
    """{language code: Locale} of the site's languages that have a Locale (editors add one in the
    admin before translating into it), once per process and cache generation."""
    return memoised(
        request,
        "site-locales",
        lambda: {
            locale.language_code: locale
            for locale in Locale.objects.filter(language_code__in=language_codes())
        },
    )


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def text_direction(language):
    """Its text direction: "rtl" for a language written right to left (Arabic), else "ltr"."""
    return "rtl" if get_language_info(language)["bidi"] else "ltr"
