"""Forms the front desk fills in the admin: one small form per action on a lead, and whose data.

Each action form knows its button's label, what it does to a lead (`apply`) and what to say once
done, so the lead view only looks the form up by the action's name.
"""

from django import forms
from phonenumber_field.formfields import PhoneNumberField
from wagtail.admin.widgets import AdminDateInput

from analytics import conversion
from leads.audit import staff_name
from leads.models import ConsentVersion, Lead
from leads.querysets import clinics_worked_by
from leads.services import BY_HAND_SOURCES
from leads.workflow import (
    CONTACT_FIELDS,
    allowed_statuses,
    assignable_staff,
    lead_add_note,
    lead_assign,
    lead_change_status,
    lead_correct_contact,
    lead_mark_not_spam,
    lead_set_follow_up,
)
from treatments.models import TreatmentPage

NO_WAY_TO_REPLY = "Enter a phone number or an email address, so that the practice can reply."


class StaffChoiceField(forms.ModelChoiceField):
    """A staff member, shown by name."""

    def label_from_instance(self, obj):
        return staff_name(obj)


class LeadActionForm(forms.Form):
    """One thing staff do to one lead; `apply` raises workflow.TransitionError when the rules refuse."""

    submit_label = ""
    success_message = "Saved."

    def __init__(self, *args, lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead = lead

    def apply(self, *, lead, by):
        raise NotImplementedError


class StatusForm(LeadActionForm):
    """Move a lead to one of the statuses its pipeline allows next."""

    submit_label = "Change status"

    to = forms.ChoiceField(label="New status")
    reason = forms.CharField(
        label="Reason", required=False, max_length=255, help_text="Required when the lead is lost."
    )

    def __init__(self, *args, lead=None, statuses=None, **kwargs):
        super().__init__(*args, lead=lead, **kwargs)
        statuses = statuses if statuses is not None else allowed_statuses(lead)
        self.fields["to"].choices = [(status.value, status.label) for status in statuses]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to") == Lead.Status.LOST and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why the lead was lost.")
        return cleaned

    def apply(self, *, lead, by):
        lead_change_status(lead=lead, to=self.cleaned_data["to"], by=by, reason=self.cleaned_data["reason"])


class AssignForm(LeadActionForm):
    """Give a lead to a staff member, or to nobody."""

    submit_label = "Assign"

    assignee = StaffChoiceField(queryset=None, required=False, empty_label="Nobody")

    def __init__(self, *args, lead=None, **kwargs):
        if lead is not None:
            kwargs.setdefault("initial", {"assignee": lead.assignee_id})
        super().__init__(*args, lead=lead, **kwargs)
        self.fields["assignee"].queryset = assignable_staff()

    def apply(self, *, lead, by):
        lead_assign(lead=lead, to=self.cleaned_data["assignee"], by=by)


class FollowUpForm(LeadActionForm):
    """Plan the next follow-up; empty clears it."""

    submit_label = "Set follow-up"

    follow_up_on = forms.DateField(label="Next follow-up", required=False, widget=AdminDateInput)

    def __init__(self, *args, lead=None, **kwargs):
        if lead is not None:
            kwargs.setdefault("initial", {"follow_up_on": lead.follow_up_on})
        super().__init__(*args, lead=lead, **kwargs)

    def apply(self, *, lead, by):
        lead_set_follow_up(lead=lead, on=self.cleaned_data["follow_up_on"], by=by)


class NoteForm(LeadActionForm):
    """A note for the timeline."""

    submit_label = "Add note"

    text = forms.CharField(label="Note", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def apply(self, *, lead, by):
        lead_add_note(lead=lead, text=self.cleaned_data["text"], by=by)


class NotSpamForm(LeadActionForm):
    """The one-click button on a lead the form's checks filed as spam (shown with the screening note)."""

    success_message = "Marked as not spam: the lead is new and the practice is being notified."

    def apply(self, *, lead, by):
        lead_mark_not_spam(lead=lead, by=by)


class ContactDetailsForm(LeadActionForm):
    """Correct a misheard or mistyped name, email or phone; the timeline names what changed."""

    submit_label = "Correct contact details"

    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField(required=False, max_length=254)
    phone = PhoneNumberField(required=False)

    def __init__(self, *args, lead=None, **kwargs):
        if lead is not None:
            kwargs.setdefault("initial", {name: getattr(lead, name) for name in CONTACT_FIELDS})
        super().__init__(*args, lead=lead, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(NO_WAY_TO_REPLY)
        return cleaned

    def apply(self, *, lead, by):
        details = {**self.cleaned_data, "phone": self.cleaned_data["phone"] or ""}
        if not lead_correct_contact(lead=lead, by=by, **details):
            self.success_message = "Nothing to correct: the details were already these."
        else:
            self.success_message = "Contact details corrected."


class RecordLeadForm(forms.ModelForm):
    """A request the front desk took on the phone or at the desk (leads.services.lead_record_by_hand)."""

    channel = forms.ChoiceField(
        label="How they got in touch",
        choices=[(channel.value, channel.label) for channel in BY_HAND_SOURCES],
        widget=forms.RadioSelect,
    )
    treatment = forms.ModelChoiceField(
        queryset=TreatmentPage.objects.live().order_by("title"), required=False, empty_label="Not sure yet"
    )
    phone = PhoneNumberField(required=False)
    consent_given = forms.BooleanField(
        label="The patient agreed to this wording, read to them",
        error_messages={
            "required": "Read the consent wording to the patient and tick once they agree: "
            "without their consent the request cannot be kept."
        },
    )

    class Meta:
        model = Lead
        fields = [
            "channel",
            "clinic",
            "treatment",
            "first_name",
            "last_name",
            "email",
            "phone",
            "preferred_contact",
            "best_time",
            "message",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_given"].help_text = ConsentVersion.objects.current().text
        if self.fields["clinic"].queryset.count() < 2:
            del self.fields["clinic"]  # one clinic or none: leads name no clinic, as from the form
        else:
            self.fields["clinic"].queryset = clinics_worked_by(user).order_by("title")
            self.fields["clinic"].required = True

    def clean(self):
        cleaned = super().clean()
        reachable = cleaned.get("email") or cleaned.get("phone")
        if not reachable and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("phone", NO_WAY_TO_REPLY)
        return cleaned

    def lead_fields(self):
        """The lead's own fields, as leads.services.lead_record_by_hand takes them."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self._meta.fields and name != "channel"
        }


class LeadIdsField(forms.Field):
    """The numbers of the requests ticked in a privacy search, sent back as repeated `leads` values."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            ids = [int(item) for item in value or []]
        except (TypeError, ValueError) as error:
            raise forms.ValidationError("The ticked requests were not understood: search again.") from error
        if any(pk < 1 for pk in ids):
            raise forms.ValidationError("The ticked requests were not understood: search again.")
        return ids


class PersonForm(forms.Form):
    """Whose data: the email address and/or phone number the person used, and the requests ticked."""

    email = forms.EmailField(required=False)
    phone = forms.CharField(required=False, max_length=40)
    leads = LeadIdsField(required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone", "").strip():
            raise forms.ValidationError("Enter an email address or a phone number.")
        return cleaned


class ConversionForm(forms.Form):
    """The conversion report's period and grouping; left empty, the last 30 days by page."""

    DEFAULT_DAYS = 30

    start = forms.DateField(required=False, label="From", widget=AdminDateInput)
    end = forms.DateField(required=False, label="To", widget=AdminDateInput)
    by = forms.ChoiceField(required=False, label="Group by", choices=conversion.CHOICES)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # An end alone shows the 30 days up to it; a start alone, the days from it to today.
        default = conversion.Period.last(self.DEFAULT_DAYS, today=cleaned["end"])
        try:
            cleaned["period"] = conversion.Period(cleaned["start"] or default.start, default.end)
        except conversion.PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        cleaned["by"] = cleaned["by"] or "page"
        return cleaned
