"""The availability editor's form: the weekly times must fit the chosen clinic's opening hours and
may not overlap on a day."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from practice.hours import overlapping_days

from .models import outside_opening_hours_error


class ConsultationAvailabilityForm(WagtailAdminModelForm):
    """Each row of times is checked on its own (ConsultationTimes.clean), but the clinic they must
    fit is the one chosen in this form, known only once the form itself is cleaned."""

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        rows = [
            (form, form.cleaned_data)
            for form in self.formsets["times"].forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        clashes = overlapping_days((row["weekday"], row["starts"], row["ends"]) for _, row in rows)
        if clashes:
            self.add_error(None, ValidationError(f"The consultation times overlap on {', '.join(clashes)}."))
            valid = False
        clinic = self.cleaned_data.get("clinic")
        for form, row in rows:
            error = outside_opening_hours_error(clinic, row["weekday"], row["starts"], row["ends"])
            if error:
                form.add_error("ends", error)
                valid = False
        return valid
