"""Forms the front desk fills in the admin: one small form per action on a lead."""

from django import forms
from wagtail.admin.widgets import AdminDateInput

from .models import Lead
from .workflow import allowed_statuses, assignable_staff


class StaffChoiceField(forms.ModelChoiceField):
    """A staff member, shown by name."""

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class StatusForm(forms.Form):
    """Move a lead to one of the statuses its pipeline allows next."""

    to = forms.ChoiceField(label="New status")
    reason = forms.CharField(
        label="Reason", required=False, max_length=255, help_text="Required when the lead is lost."
    )

    def __init__(self, *args, lead=None, statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = statuses if statuses is not None else allowed_statuses(lead)
        self.fields["to"].choices = [(status.value, status.label) for status in statuses]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to") == Lead.Status.LOST and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why the lead was lost.")
        return cleaned


class AssignForm(forms.Form):
    """Give a lead to a staff member, or to nobody."""

    assignee = StaffChoiceField(queryset=None, required=False, empty_label="Nobody")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_staff()


class FollowUpForm(forms.Form):
    """Plan the next follow-up; empty clears it."""

    follow_up_on = forms.DateField(label="Next follow-up", required=False, widget=AdminDateInput)


class NoteForm(forms.Form):
    """A note for the timeline."""

    text = forms.CharField(label="Note", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


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
