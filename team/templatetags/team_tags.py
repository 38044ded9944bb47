"""Practitioner and clinical-review components that treatment and article templates include."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()
# Lazy: the heading is written in the language of the page it is on.
WHO_PERFORMS_HEADING = _("Who performs this treatment")


@register.inclusion_tag("team/includes/medically_reviewed.html", takes_context=True)
def medically_reviewed(context, reviewer, last_reviewed, next_review_due=None):
    """'Medically reviewed by ... · Page last reviewed: ... · Next review due: ...' (the NHS pattern)."""
    return {
        "request": context.get("request"),
        "reviewer": reviewer,
        "last_reviewed": last_reviewed,
        "next_review_due": next_review_due,
    }


@register.inclusion_tag("team/includes/who_performs.html", takes_context=True)
def who_performs(context, practitioners, heading=WHO_PERFORMS_HEADING):
    """Cards for the live practitioners given, linking to their profiles; nothing when there are none."""
    return {
        "request": context.get("request"),
        "practitioners": [person for person in practitioners if person.live],
        "heading": heading,
    }
