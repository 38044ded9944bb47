"""The front desk's day: each clinic's consultations today and tomorrow (or any two days), on the
clinic's own clock, and whether each patient came."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from appointments.diary import availabilities_of, diaries
from appointments.models import Appointment
from leads.models import Lead
from leads.querysets import clinics_worked_by
from leads.workflow import TransitionError
from practice.hours import day_text

from .. import access_records
from ..appointment_forms import AppointmentOutcomeForm
from .base import LeadAdminView

DAYS_SHOWN = 2


class ConsultationDayView(LeadAdminView):
    """Each clinic the user may see, its consultations over two local days, with outcome buttons."""

    template_name = "frontdesk/day.html"
    page_title = "Consultations"
    header_icon = "date"

    @cached_property
    def first_day(self):
        """The first day shown: `?day=YYYY-MM-DD`, else today; a day that is not a date says so."""
        asked = self.request.GET.get("day", "")
        if not asked:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(asked)
        except ValueError:
            messages.error(self.request, f'"{asked[:20]}" is not a date such as 2026-12-08: showing today.')
            return timezone.localdate()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        first, today = self.first_day, timezone.localdate()
        shown = diaries(
            availabilities=availabilities_of(clinics_worked_by(user)),
            leads=Lead.objects.visible_to(user),
            first_day=first,
            days=DAYS_SHOWN,
        )
        here = reverse("consultations:day")
        context.update(
            diaries=shown,
            first_day=first,
            today=today,
            tomorrow=today + datetime.timedelta(days=1),
            now=timezone.now(),
            can_change=self.user_has_permission("change"),
            can_manage_feeds=user.has_perm("appointments.change_consultationavailability"),
            previous_url=f"{here}?day={first - datetime.timedelta(days=1):%Y-%m-%d}",
            next_url=f"{here}?day={first + datetime.timedelta(days=1):%Y-%m-%d}",
            today_url=here,
        )
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        shown = [
            appointment.lead
            for _, days in response.context_data["diaries"]
            for diary_day in days
            for appointment in diary_day.appointments
        ]
        if shown:
            days = " and ".join(
                day_text(self.first_day + datetime.timedelta(days=n), year=True) for n in range(DAYS_SHOWN)
            )
            access_records.record_listed(
                by=request.user, leads=shown, count=len(shown), filters=f"Consultations on {days}"
            )
        return response

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        # Another clinic's appointment is "not found", like its lead.
        visible = Appointment.objects.filter(lead__in=Lead.objects.visible_to(request.user))
        appointment = get_object_or_404(
            visible.select_related("lead"), pk=_number(request.POST.get("outcome-appointment"))
        )
        form = AppointmentOutcomeForm(request.POST, prefix="outcome", lead=appointment.lead)
        if form.is_valid():
            try:
                form.apply(lead=appointment.lead, by=request.user)
            except TransitionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, form.success_message)
        else:
            messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(
            f"{reverse('consultations:day')}?{urlencode({'day': request.POST.get('day', '')[:10]})}"
        )


def _number(value):
    return int(value) if (value or "").isdigit() else 0
