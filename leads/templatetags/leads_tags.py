"""Template tags that embed the consultation form in other apps' pages."""

from django import template

from treatments.models import TreatmentPage

from ..forms import ConsultationForm

register = template.Library()


@register.inclusion_tag("leads/includes/consultation_form.html", takes_context=True)
def consultation_form(context, treatment=None):
    """The consultation form, posting to /consultation/, with the given treatment preselected.

    Safe in cached pages: it reads only the request path, never the user or session.
    """
    request = context.get("request")
    initial = {"source_page": request.path if request else ""}
    if isinstance(treatment, TreatmentPage) and treatment.live:
        initial["treatment"] = treatment.pk
    return {"form": ConsultationForm(initial=initial), "embedded": True}
