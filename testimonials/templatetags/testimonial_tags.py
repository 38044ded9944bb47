"""Testimonials as a page section."""

from django import template

from testimonials.models import Testimonial

register = template.Library()


@register.inclusion_tag("testimonials/includes/testimonials.html")
def testimonials(heading="What our patients say"):
    """Every published testimonial: all or none, so the practice cannot show only the glowing ones."""
    return {"testimonials": Testimonial.objects.shown(), "heading": heading}
