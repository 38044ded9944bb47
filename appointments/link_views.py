"""The page the patient's signed link opens: their appointment, with "cancel" and "ask for another
time" (appointments.link_actions)."""

from django import forms
from django.core.signing import BadSignature
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from leads.abuse import is_same_site_post
from practice import contact

from .link_actions import LinkRefused, another_time_asked, ask_another_time, cancel_by_patient
from .links import appointment_for_token, has_expired
from .models import Appointment
from .slots import local_text


class AnotherTimeForm(forms.Form):
    """The patient's optional note when asking for another time."""

    note = forms.CharField(
        label=_("When would suit you better? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# The signed token is the permission, and the page is never cached; a same-site check guards the
# POST instead of Django's CSRF cookie, as on the consultation form (leads/views.py).
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """Show the appointment and what the link can still do; on POST, do it and show the outcome."""
    try:
        appointment = appointment_for_token(token)
    except (BadSignature, Appointment.DoesNotExist):
        return contact.error_response("appointments/link_invalid.html", 400)
    form = AnotherTimeForm()
    status, refused = 200, ""
    if request.method == "POST":
        if not is_same_site_post(request):
            return contact.error_response(
                "leads/refused.html", 403, {"reason": _("This request did not come from our website.")}
            )
        action = request.POST.get("action")
        form = AnotherTimeForm(request.POST)
        try:
            if action == "cancel":
                cancel_by_patient(appointment)
                return redirect(request.path)
            if action == "another_time" and form.is_valid():
                ask_another_time(appointment, note=form.cleaned_data["note"])
                return redirect(request.path)
            if action not in ("cancel", "another_time"):
                refused = _("Choose to cancel, or to ask for another time.")
            status = 400
        except LinkRefused as error:
            status, refused = 409, str(error)
        appointment.refresh_from_db()
    context = {
        "appointment": appointment,
        "when": local_text(appointment.starts_at, appointment.availability.zone),
        "clinic": appointment.availability.clinic or appointment.lead.clinic,
        "expired": has_expired(appointment),
        "asked": another_time_asked(appointment),
        "form": form,
        "refused": refused,
    }
    return render(request, "appointments/link.html", context, status=status)
