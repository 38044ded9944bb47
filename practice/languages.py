"""The language a request is served in, named by its URL's prefix alone (/es/..., /ar/...; none for
English), and the page tree of that language.

Only the path decides: no Accept-Language negotiation, no language cookie. So a URL always shows
the same language, and a page stays the same for every visitor, which the page cache needs
(a `Vary: Accept-Language` would make nothing storable; docs/translation-approach.md, finding 1).
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Locale

from .cache import LINKS
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
    language's home, so English costs nothing; another language's is found once per process and
    language (memo keys carry the language) until a purge of links."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return root_page
    return memoised(
        request,
        f"localized-root:{root_page.pk}",
        lambda: live_translation(root_page, language),
        shows=(LINKS,),
    )


def live_translation(page, language):
    """`page` in `language` when that translation is live, else `page`: Wagtail's `localized`, with
    the Locale read from site_locales() rather than asked of the database."""
    locale_id = site_locales().get(language)
    translated = page.get_translation_or_none(locale_id) if locale_id else None
    return translated if translated is not None and translated.live else page


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
        shows=(LINKS,),
    )


LOCALES_CACHE_KEY = "practice:site-locales"
# Editors seldom add a language; a process not told of it (no shared cache) sees it after this long.
LOCALES_CACHE_SECONDS = 300


def site_locales():
    """{language code: Locale id} of the site's languages that have a Locale (an editor adds one in
    the admin before translating into it). Kept in the default cache, not the per-purge memo: an
    English-only site then renders without asking, even just after a publish."""
    locales = cache.get(LOCALES_CACHE_KEY)
    if locales is None:
        locales = dict(
            Locale.objects.filter(language_code__in=language_codes()).values_list("language_code", "pk")
        )
        cache.set(LOCALES_CACHE_KEY, locales, LOCALES_CACHE_SECONDS)
    return locales


def source_locale_id():
    """The Locale id of the site's source language, which every page is first written in."""
    return site_locales().get(settings.LANGUAGE_CODE)


def in_source_language(pages):
    """`pages` (a queryset) written in the source language: one page for each thing a form offers
    (a treatment, a clinic), whatever the languages it is translated into."""
    source = source_locale_id()
    return pages.filter(locale_id=source) if source else pages


def forget_site_locales(**kwargs):
    cache.delete(LOCALES_CACHE_KEY)


post_save.connect(forget_site_locales, sender=Locale, dispatch_uid="practice-site-locales-saved")
post_delete.connect(forget_site_locales, sender=Locale, dispatch_uid="practice-site-locales-deleted")


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


class PageLanguages:
    """The languages around one page as shown under the active language: the language its words are
    in (the source's when it is shown untranslated), its published translations for `hreflang`, and
    the language switcher's entries."""

    def __init__(self, request, page):
        self.active = translation.get_language()
        locales = site_locales()
        languages_by_locale = {pk: code for code, pk in locales.items()}
        self.code = languages_by_locale.get(getattr(page, "locale_id", None), self.active)
        self.direction = text_direction(self.code)
        self.untranslated = self.code != self.active
        translations = translated_urls(request, page) if len(locales) > 1 else {}
        # hreflang only where a page really exists in another language, and x-default its source.
        self.alternates = list(translations.items()) if len(translations) > 1 else []
        self.default_url = translations.get(settings.LANGUAGE_CODE)
        self.switcher = [
            (code, name, translations.get(code))
            for code, name in settings.LANGUAGES
            if code in locales and code != self.active
        ]


def page_languages(request, page):
    """PageLanguages for `page` under the active language, once per process, purge and language."""
    if not hasattr(page, "translation_key"):
        page = None  # a view with no page, or whose "page" is something else
    if page is None or request is None or getattr(request, "is_preview", False):
        return PageLanguages(request, page)  # a draft's translations may not be live
    # Its translations' URLs and live states: a change to either is a purge of links.
    return memoised(
        request, f"page-languages:{page.pk}", lambda: PageLanguages(request, page), shows=(LINKS,)
    )


def translated_urls(request, page):
    """{language code: full URL} of `page` and its live translations, in the site's language order."""
    if page is None:
        return {}
    return urls_by_translation(request, [page.translation_key]).get(page.translation_key, {})


def urls_by_translation(request, translation_keys):
    """{translation key: {language code: full URL}} of the live, public pages with those keys (a
    page and its translations share one), each in the site's language order, in one query."""
    from wagtail.models import Page

    found = {}
    pages = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=translation_keys, locale__language_code__in=language_codes())
        .select_related("locale")
    )
    for page in pages:
        found.setdefault(page.translation_key, {})[page.locale.language_code] = page.get_full_url(request)
    order = language_codes()
    return {key: {code: urls[code] for code in order if code in urls} for key, urls in found.items()}


def text_direction(language):
    """Its text direction: "rtl" for a language written right to left (Arabic), else "ltr"."""
    return "rtl" if get_language_info(language)["bidi"] else "ltr"
