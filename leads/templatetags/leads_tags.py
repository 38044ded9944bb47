"""Template tags that put leads' parts in other apps' pages: the consultation form, the cookie prompt."""

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string

from practice.cache import memoised, request_generation
from practice.models import PracticeSettings
from treatments.models import TreatmentPage

from ..attribution import CHOICE_COOKIE_NAME, cookie_mode
from ..forms import ConsultationForm

register = template.Library()

# How long one rendering of the embedded form is reused: far below the form token's maximum age.
EMBEDDED_FORM_SECONDS = 3600


@register.simple_tag(takes_context=True)
def consultation_form(context, treatment=None):
    """The consultation form, posting to /consultation/, with the given treatment preselected.

    Safe in cached pages: it reads only the request path, never the user or session. Its HTML,
    signed token included, is the same for every visitor of a page (the page cache already serves
    one copy to all), so it is rendered once per page and cache generation, not on every miss.
    """
    request = context.get("request")
    treatment_pk = treatment.pk if isinstance(treatment, TreatmentPage) and treatment.live else None
    if request is None:
        return render_form(treatment_pk, source_page="")
    key = f"consultation-form:{request_generation(request)}:{treatment_pk}:{request.path}"
    return cache.get_or_set(
        key,
        lambda: render_form(treatment_pk, source_page=request.path, request=request),
        EMBEDDED_FORM_SECONDS,
    )


def render_form(treatment_pk, *, source_page, request=None):
    form = ConsultationForm(initial={"source_page": source_page, "treatment": treatment_pk})
    context = {"form": form, "embedded": True}
    if request is not None:
        # The treatment list changes only when a page is published, which moves the generation on.
        field = form.fields["treatment"]
        field.choices = memoised(request, "consultation-form:treatment-choices", lambda: list(field.choices))
        # So does the practice's choice of privacy notice (a save of its details purges too).
        context["privacy_notice_url"] = PracticeSettings.for_request(request).privacy_notice_url
    return render_to_string("leads/includes/consultation_form.html", context)


@register.inclusion_tag("leads/includes/cookie_prompt.html")
def cookie_prompt():
    """The attribution cookie prompt, in consent mode only. The same markup for every visitor, so
    pages stay cacheable: its script shows it while no choice is stored."""
    return {"show": cookie_mode() == "consent", "choice_cookie": CHOICE_COOKIE_NAME}
