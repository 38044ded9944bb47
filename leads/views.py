"""Public views of the leads app: the consultation form, its thank-you page, the cookie prompt's answer."""

import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from clinics.models import ClinicPage
from practice import contact
from practice.visitors import device_class
from treatments.models import TreatmentPage

from . import abuse, landing
from .forms import ClinicChoices, ConsultationForm
from .languages import active_language
from .preferred_times import read_times_note, times_note
from .services import idempotency_key, lead_create

logger = logging.getLogger(__name__)

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


# Django's CSRF cookie cannot work in pages served from a shared cache: abuse.is_same_site_post and
# the signed form token protect this view instead.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def consultation(request):
    """The consultation form: shown on GET, recorded on POST then redirected to the thank-you page."""
    if request.method == "POST":
        try:
            response = consultation_post(request)
        except DatabaseError as error:
            response = could_not_save(request, error)
        add_never_cache_headers(response)
        return response
    # A clinic page's "Book at this clinic" link names it: its slug, or its id.
    initial = {"source_page": request.path, "clinic": request.GET.get("clinic", "")[:255]}
    slug = request.GET.get("treatment", "")[:255]
    if slug:
        # A translation's slug names its source page, the one the form lists (translations that
        # keep the source's slug stand for the same page, so the first, by pk, is as good as any).
        page = TreatmentPage.objects.live().filter(slug=slug).first()
        initial["treatment"] = page.offered_pk() if page else None
    form = ConsultationForm(
        initial=initial, clinic_choices=ClinicChoices.for_request(request), request=request
    )
    return render(request, "leads/consultation_page.html", {"form": form})


def consultation_post(request):
    # The form has no file field: a body this large is not a patient. Refused before it is read,
    # since Django's own limit leaves out file parts, which it would spool to disk.
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return refuse(request, 413, _("This request is too large for our form."))
    if request.content_type not in FORM_CONTENT_TYPES:
        return refuse(request, 415, _("This form only accepts what a web browser sends."))
    if not abuse.is_same_site_post(request):
        return refuse(request, 403, _("This request did not come from our website."))
    if "times_week" in request.POST:
        return show_times_week(request)
    form = ConsultationForm(request.POST, clinic_choices=ClinicChoices.for_request(request), request=request)
    try:
        token = abuse.read_form_token(request.POST.get("form_token"))
    except abuse.TokenExpired as expired:
        form.is_valid()
        form.add_error(
            None, _("This form was open for a long time. Please check your details and send it again.")
        )
        return render_form(request, form, token=expired.token)
    if not form.is_valid():
        return render_form(request, form, token=token)
    # Counted after validation: a patient correcting mistakes is not flooding us.
    if abuse.is_rate_limited(request):
        logger.warning("Consultation requests rate limited for ip_hash=%s", abuse.ip_hash(request)[:12])
        return refuse(
            request, 429, _("We have had many requests from your connection. Please try again later.")
        )

    status, spam_reason = abuse.screen(token=token, honeypot=form.cleaned_data["website"])
    fields = form.lead_fields()
    nonce = form.cleaned_data["client_key"] or (token.nonce if token else "")
    # The times as sent: a patient who goes back and picks others sends a new request.
    sent = (
        {"preferred_times": form.cleaned_data["preferred_times"]}
        if form.cleaned_data["preferred_times"]
        else {}
    )
    lead_create(
        fields=fields,
        attribution=landing.for_lead(
            request,
            landing_url=form.cleaned_data["landing_url"],
            referrer=form.cleaned_data["landing_referrer"],
        ),
        source_page=form.cleaned_data["source_page"] or request.path,
        device=device_class(request.META.get("HTTP_USER_AGENT", "")),
        ip_hash=abuse.ip_hash(request),
        idempotency_key=idempotency_key(nonce=nonce, fields={**fields, **sent}),
        consent=form.consent_shown,
        # The language of the URL it was sent to, whichever page showed the form.
        language=active_language(),
        marketing_consent_text=form.marketing_wording,
        marketing_consent_version=settings.LEADS_MARKETING_CONSENT_VERSION,
        status=status,
        spam_reason=spam_reason,
        proposed_times=form.times_checked.kept if form.times_checked else (),
    )
    # Bots get the same thank-you page as people, so they learn nothing from the answer.
    return redirect(thank_you_url(form.cleaned_data.get("clinic"), form.times_checked))


def thank_you_url(clinic, times_checked=None):
    """The thank-you page, naming the clinic chosen so that it gives that clinic's phone and hours,
    and the times proposed and gone."""
    query = {"clinic": clinic.pk} if clinic else {}
    if times_checked:
        query["times"] = times_note(times_checked)
    url = reverse("leads:thank_you")
    return f"{url}?{urlencode(query)}" if query else url


def show_times_week(request):
    """A patient without JavaScript paging the preferred times: the form again with every answer
    as sent, at the week asked for; nothing is checked or stored."""
    data = request.POST
    initial = {name: data.get(name) for name in data}
    initial["preferred_times"] = data.getlist("preferred_times")
    form = ConsultationForm(
        initial=initial, clinic_choices=ClinicChoices.for_request(request), request=request
    )
    if data.get("consent_version") != str(form.consent_shown.number):
        # Words the page they sent did not show: not ticked for them.
        form.initial.pop("consent", None)
    week = data.get("times_week", "")
    form.times_week = int(week) if re.fullmatch(r"[0-9]{1,2}", week) else 0
    return render(request, "leads/consultation_page.html", {"form": form})


def render_form(request, form, *, token):
    """Show the form again with everything typed kept, and a token for the next try that keeps
    the time the form was first shown (abuse.make_retry_token)."""
    form.data = form.data.copy()
    form.data["form_token"] = abuse.make_retry_token(token)
    shown = str(form.consent_shown.number)
    if form.data.get("consent_version", shown) not in ("", shown):
        # An unknown version: the current words are shown now, and their box is not ticked for them.
        form.data.pop("consent", None)
    form.data["consent_version"] = shown
    return render(request, "leads/consultation_page.html", {"form": form})


def could_not_save(request, error):
    """The database failed, perhaps entirely (validating the treatment reads it too), so the answer
    is a page that needs nothing from it: the practice's phone and hours, what the patient typed,
    and a button that sends it all again as it was sent (same form token and client key), so a
    request that was in fact saved is not recorded twice."""
    # The class only: a database error's message (PostgreSQL's "Failing row contains (...)")
    # and its traceback's frames can hold everything the patient typed.
    logger.error("Could not save a consultation request: %s", type(error).__name__)
    # The clinic too: a field only a practice with several clinics has, so not among base_fields.
    names = [*ConsultationForm.base_fields, "clinic"]
    resend = [(name, value) for name in names for value in request.POST.getlist(name)]
    context = {
        "resend": resend,
        "answers": ConsultationForm.typed_answers(request.POST),
        "action": request.path,
    }
    return contact.error_response("leads/not_saved.html", 503, context)


def refuse(request, status, reason):
    return contact.error_response("leads/refused.html", status, {"reason": reason})


# Same protection as the form: a same-site check instead of Django's CSRF cookie, which cached
# pages cannot carry. Never cached: it answers POSTs only and sets the visitor's own cookies.
@csrf_exempt
@require_POST
@never_cache
def cookie_choice(request):
    """The cookie prompt's answer: remember it, and on "accepted" record the page's landing."""
    if landing.cookie_mode() != "consent":
        raise Http404("The site does not ask for cookie consent.")
    if not abuse.is_same_site_post(request):
        return refuse(request, 403, _("This request did not come from our website."))
    choice = request.POST.get("choice", "")
    if choice not in landing.CHOICES:
        return refuse(request, 400, _("Choose Accept or No thanks."))
    # Only the prompt's script posts here (without JavaScript the prompt stays hidden): no page back.
    response = HttpResponse(status=204)
    landing.record_choice(
        request,
        response,
        choice=choice,
        landing_url=request.POST.get("landing", ""),
        referrer=request.POST.get("referrer", ""),
    )
    return response


@never_cache
def thank_you(request):
    """What happens next, with the chosen clinic's phone and hours (else the practice's); the same
    page whatever else was asked, and reloading it records nothing."""
    asked = request.GET.get("clinic", "")
    clinic = (
        ClinicPage.objects.live().filter(pk=asked).first() if re.fullmatch(r"[0-9]{1,9}", asked) else None
    )
    times = read_times_note(request.GET.get("times", "")[:2000])
    return render(request, "leads/thank_you.html", {"clinic": clinic, "times": times})
