"""Testimonials as a page section."""

from django import template
from django.utils.translation import gettext_lazy as _

from practice.translated_snippets import in_reading_language
from testimonials.models import Testimonial

register = template.Library()
# Lazy: the heading is written in the language of the page it is on.
TESTIMONIALS_HEADING = _("What our patients say")


@register.inclusion_tag("testimonials/includes/testimonials.html")
def testimonials(heading=TESTIMONIALS_HEADING):
    """Every published testimonial: all or none, so the practice cannot show only the glowing ones;
    each in the reader's language where an editor translated it (marked as a translation), else as
    the patient said it."""
    return {"testimonials": in_reading_language(Testimonial.objects.shown()), "heading": heading}
