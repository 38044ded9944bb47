"""Practitioner and clinical-review components that treatment and article templates include."""

from django import template

from team.jsonld import json_ld_script

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


@register.simple_tag
def json_ld(data):
    """Render a dict as a JSON-LD script element."""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def clinical_review_json_ld(context, page):
    """The MedicalWebPage structured data of a clinically reviewed page."""
    return json_ld_script(page.medical_web_page_json_ld(context.get("request")))
