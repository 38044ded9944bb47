"""Template tags that embed the consultation form in other apps' pages."""

from django import template

from practice.cache import memoised
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
    form = ConsultationForm(initial=initial)
    if request is not None:
        # The list of treatments changes only when a page is published, which moves the cache
        # generation on; rendering it from the memo saves a query on every uncached page view.
        field = form.fields["treatment"]
        field.choices = memoised(request, "consultation-form:treatment-choices", lambda: list(field.choices))
    return {"form": form, "embedded": True}
