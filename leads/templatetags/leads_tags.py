"""Template tags that put leads' parts in other apps' pages: the consultation form, the cookie prompt,
a lead's proposed times."""

import functools
import hashlib
from pathlib import Path

from django import template
from django.core.cache import cache
from django.db.models import IntegerField, Value
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from appointments.offer import DAYS_IN_THE_EMBEDDED_FORM, OFFER_SECONDS, offers
from clinics.models import ClinicPage
from practice.compiled_queries import CompiledQuery
from practice.memo import memo_key, memoised, memoised_fragment
from practice.models import PracticeSettings
from treatments.models import TreatmentCategory, TreatmentPage

from ..forms import ClinicChoices, ConsultationForm, category_choices
from ..landing import CHOICE_COOKIE_NAME, cookie_mode
from ..models.consent import wording_to_show
from ..preferred_times import TIMES_MARKER, TimesShown

register = template.Library()

# How long one rendering of the embedded form is reused: far below the form token's maximum age.
EMBEDDED_FORM_SECONDS = 3600


@register.simple_tag(takes_context=True)
def consultation_form(context, treatment=None):
    """The consultation form, posting to /consultation/, with the given treatment preselected.

    It lists the treatment's category, not every treatment (category_choices); the consultation
    page lists them all. Safe in cached pages: it reads only the request path, never the user or
    session. Its HTML, signed token included, is the same for every visitor of a page (the page
    cache already serves one copy to all), so it is rendered once per page and list of treatments,
    not on every miss: a publish that leaves the list as it was finds it still rendered
    (crispy-forms is about half of a treatment page's first render after a publish). The preferred
    times change with every booking and with the clock, so they are never part of that HTML: they
    fill its marker afresh (appointments.offer keeps them for seconds).
    """
    request = context.get("request")
    treatment = treatment if isinstance(treatment, TreatmentPage) and treatment.live else None
    treatment_pk, category_pk = (treatment.pk, treatment.category_id) if treatment else (None, None)
    if request is None:
        return render_form(treatment_pk, source_page="")
    digest = memoised(request, "consultation-form:digest", lambda: read_form_digest(request))
    # The list shows the treatment's category only (category_choices).
    key = memo_key("consultation-form", form_code_version(), digest, category_pk, treatment_pk, request.path)
    html, clinics = cache.get_or_set(
        key,
        lambda: render_embedded_form(request, treatment.offered_pk() if treatment else None),
        EMBEDDED_FORM_SECONDS,
    )
    if TIMES_MARKER not in html:
        return html
    # The same for every page with these clinics, and costly (a checkbox per free time): rendered
    # once per OFFER_SECONDS, like the offers it shows.
    times = cache.get_or_set(
        memo_key("consultation-times", ",".join(str(pk) for pk, _ in clinics)),
        lambda: without_indentation(
            render_to_string(
                "leads/includes/preferred_times.html",
                {"times": TimesShown(offers(clinics), days=DAYS_IN_THE_EMBEDDED_FORM)},
            )
        ),
        OFFER_SECONDS,
    )
    # Both are templates' output, escaped as they were rendered.
    return mark_safe(html.replace(TIMES_MARKER, times, 1))  # noqa: S308  # nosec B308, B703


def without_indentation(html):
    """`html` without the indentation and blank lines that crispy-forms' templates leave around every
    field: a browser shows a line break and the spaces around it as one space. (The embedded form's
    message box, the only place where white space is kept as typed, is always empty.)"""
    lines = (line.strip(" \t") for line in html.split("\n"))
    return "\n".join(line for line in lines if line)


@functools.cache
def form_code_version():
    """A digest of the code that shapes the form's HTML: its fields and layout, the templates it
    renders with and their translations. The rendered form outlives a deploy in a shared cache
    (Redis), so new code or wording must not be served the old markup."""
    app = Path(__file__).resolve().parent.parent
    templates = app.parent / "templates" / "leads" / "includes"
    sources = [
        app / "forms.py",
        *sorted((app / "templates").rglob("*.html")),
        *sorted(templates.glob("*.html")),
        *sorted((app.parent / "locale").glob("*/LC_MESSAGES/django.po")),
    ]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def read_form_digest(request):
    """A digest of what publishing or the admin can change in the form's HTML, in one small query
    (FORM_DIGEST_ROWS); with the consent wording's version (kept in the shared cache) and the
    privacy notice's address (the page's render loads the practice's details). The rest is code
    (form_code_version), settings and the signed token, younger than an hour."""
    rows = sorted(FORM_DIGEST_ROWS.run(), key=repr)
    privacy_notice_url = PracticeSettings.for_request(request).privacy_notice_url
    shown = repr((rows, wording_to_show().number, privacy_notice_url))
    return hashlib.sha256(shown.encode()).hexdigest()


def form_digest_rows():
    """The live treatments with their categories, every language's names of the categories (the
    list shows them in the reader's), the live clinics in tree order and which live treatments each
    offers (each change purges, so the memo holding the digest is read again): one `UNION ALL`."""
    treatments = TreatmentPage.objects.live().values_list(
        Value("treatment"),
        "pk",
        "title",
        "category__name",
        "category_id",
        "category__sort_order",
        Value(True),
    )
    clinics = ClinicPage.objects.live().values_list(
        Value("clinic"),
        "pk",
        "title",
        "path",
        "prices__treatment_id",
        Value(None, output_field=IntegerField()),
        "prices__treatment__live",
    )
    categories = TreatmentCategory.objects.values_list(
        Value("category"), "pk", "name", "slug", "locale_id", "sort_order", Value(True)
    )
    return treatments.order_by().union(clinics.order_by(), categories.order_by(), all=True)


# Its SQL, built on every publish, cost more than running it: compiled once per process.
FORM_DIGEST_ROWS = CompiledQuery(form_digest_rows)


def render_embedded_form(request, treatment_pk):
    """The form's HTML for this page, with a marker where the times go, and the clinics whose times
    fill it. Its inputs are read once per process and generation, for every page's form."""
    choices, clinic_choices, privacy_notice_url = memoised(
        request, "consultation-form:inputs", lambda: read_form_inputs(request)
    )
    html = render_form(
        treatment_pk,
        source_page=request.path,
        choices=category_choices(choices, treatment_pk),
        clinic_choices=clinic_choices,
        privacy_notice_url=privacy_notice_url,
        times_deferred=True,
    )
    return without_indentation(html), [(clinic.pk, clinic.title) for clinic in clinic_choices.clinics]


def read_form_inputs(request):
    """The treatment choices, the live clinics with what each offers, and the privacy notice's address."""
    form = ConsultationForm(clinic_choices=ClinicChoices.for_request(request), request=request)
    # iter() first: list() would ask the choices for their length, a COUNT query of its own.
    choices = list(iter(form.fields["treatment"].choices))
    return choices, form.clinic_choices, PracticeSettings.for_request(request).privacy_notice_url


def render_form(
    treatment_pk,
    *,
    source_page,
    choices=None,
    clinic_choices=None,
    privacy_notice_url="",
    times_deferred=False,
):
    form = ConsultationForm(
        initial={"source_page": source_page, "treatment": treatment_pk}, clinic_choices=clinic_choices
    )
    form.times_deferred = times_deferred
    if choices is not None:
        form.fields["treatment"].choices = choices
    context = {"form": form, "embedded": True, "privacy_notice_url": privacy_notice_url}
    return render_to_string("leads/includes/consultation_form.html", context)


@register.simple_tag(takes_context=True)
def cookie_prompt(context):
    """The attribution cookie prompt, in consent mode only. The same markup for every visitor, so
    pages stay cacheable: its script shows it while no choice is stored. Rendered once per process,
    mode and language (0.6 ms of a warm render): nothing an editor publishes changes it."""
    mode = cookie_mode()
    prompt = {"show": mode == "consent", "choice_cookie": CHOICE_COOKIE_NAME}

    def render():
        return render_to_string("leads/includes/cookie_prompt.html", prompt)

    return memoised_fragment(context.get("request"), f"cookie-prompt:{mode}", render, shows=())
