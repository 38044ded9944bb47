"""Practitioner and clinical-review components that treatment and article templates include."""

from django import template

register = template.Library()


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
def who_performs(context, practitioners, heading="Who performs this treatment"):
    """Cards for the live practitioners given, linking to their profiles; nothing when there are none."""
    return {
        "request": context.get("request"),
        "practitioners": [person for person in practitioners if person.live],
        "heading": heading,
    }
