"""Template tags for the page's languages: its <html lang dir>, hreflang alternates, the language
switcher and the notice on a page shown untranslated (practice/languages.py)."""

from django import template

from practice import languages
from practice.languages import page_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def languages_of_page(context):
    """The PageLanguages of the page being viewed (or of a view with no page: the active language)."""
    return page_languages(context.get("request"), context.get("page"))


@register.simple_tag
def home_path():
    """The home page in the active language ("/", "/es/"), for links back to it."""
    return languages.home_path()
