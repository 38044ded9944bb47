"""The consultation form patients fill in, on its own page and embedded in treatment pages."""

import re
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.utils import pretty_name
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from appointments.models import ConsultationAvailability
from appointments.offer import check_times, offers
from clinics.models import ClinicIndexPage, ClinicPage
from practice.languages import in_source_language
from treatments.catalogue import by_category
from treatments.models import TreatmentPage

from .abuse import make_form_token
from .languages import active_language
from .models import ConsentVersion, Lead
from .models.consent import marketing_wording, wording_to_show
from .preferred_times import PreferredTimesField, TimesShown

# Bidirectional overrides and isolates can make a name display as something else entirely.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_CONTROLS = {"\n", "\r", "\t"}
# Invisible characters that have no place in a name: they make two names that look the same
# differ (search, repeat detection). Zero-width (non-)joiners stay: some scripts need them.
INVISIBLE_IN_NAMES = set("\u200b\u2060\ufeff")
# Vietnamese or Hebrew with vowel points stack up to three or four marks on a letter; "Zalgo"
# text stacks dozens, to spill over the lines around it in the admin.
MAX_COMBINING_MARKS = 4


def validate_readable_text(value):
    """Refuses text with control characters, bidi overrides, bytes that were not valid UTF-8, or
    combining marks piled up ("Zalgo")."""
    marks_in_a_row = 0
    for char in value:
        category = unicodedata.category(char)
        marks_in_a_row = marks_in_a_row + 1 if category in {"Mn", "Me"} else 0
        if (
            char == "\ufffd"
            or char in BIDI_CONTROLS
            or (category in {"Cc", "Cs", "Co"} and char not in ALLOWED_CONTROLS)
            or marks_in_a_row > MAX_COMBINING_MARKS
        ):
            raise ValidationError(gettext("This contains characters we cannot read. Please retype it."))


def validate_name(value):
    """Names are one line of letters, never markup, links or invisible characters."""
    if any(char in "<>\n\r\t" or char in INVISIBLE_IN_NAMES for char in value) or re.search(
        r"https?://|www\.", value, re.IGNORECASE
    ):
        raise ValidationError(gettext("Enter your name only, without links or symbols like < and >."))


# How the form draws a field: crispy-bootstrap5's markup without what nothing reads (the template says).
FIELD_TEMPLATE = "leads/includes/consultation_field.html"

ANOTHER_TREATMENT = _("Another treatment (say which in your message)")


class TreatmentChoiceIterator(forms.models.ModelChoiceIterator):
    """The treatments in an <optgroup> per category, in the treatments index's order; one plain list
    where no treatment has a category."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = by_category(self.queryset)
        if len(groups) == 1 and groups[0][0].pk is None:
            yield from (self.choice(treatment) for treatment in groups[0][1])
            return
        for category, treatments in groups:
            yield (category.name, [self.choice(treatment) for treatment in treatments])


def category_choices(choices, treatment_pk):
    """The treatment list of the form on a treatment's own page: "Not sure yet", that treatment's
    category and "Another treatment", which sends no treatment, as "Not sure yet" does (the patient
    names it in the message; the consultation page lists every treatment). The whole list where
    the treatment is in no group of it (no categories, or no treatment)."""
    empty, *listed = choices
    for group in listed:
        _name, options = group
        if isinstance(options, list) and any(value == treatment_pk for value, _label in options):
            return [empty, group, ("", ANOTHER_TREATMENT)]
    return choices


class TreatmentSelect(forms.Select):
    """The treatment list. Where the form asks which clinic, each option names the clinics listing
    it (`data-clinics`; none for a treatment no clinic lists yet), and the options the clinic the
    list follows (`clinic`) does not offer are hidden, not left out: leads/treatment_list.js shows
    them when the patient picks another clinic, comparing ids only (ClinicChoices.offers is the rule).
    The template, which also hides a category left empty, is in leads/templates/: Django's form
    renderer reads apps' templates folders, not the project's."""

    template_name = "leads/widgets/treatment_select.html"
    clinic_choices = None
    clinic = None

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if self.clinic_choices is None or value == "":
            return option
        pk = int(str(value))
        if offering := self.clinic_choices.offering(pk):
            option["attrs"]["data-clinics"] = " ".join(str(clinic) for clinic in sorted(offering))
        if self.clinic and not selected and not self.clinic_choices.offers(self.clinic, pk):
            option["attrs"].update(hidden=True, disabled=True)
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["follows_clinic"] = self.clinic_choices is not None
        widget["empty_groups"] = [
            index
            for group, options, index in widget["optgroups"]
            if group and all(option["attrs"].get("hidden") for option in options)
        ]
        return context


class TreatmentChoiceField(forms.ModelChoiceField):
    """Published treatment pages by title, grouped by category, with 'Not sure yet' as the empty
    choice. The list may hide treatments (TreatmentSelect); the field still accepts any of them,
    so the form can say why one does not fit (ConsultationForm.clean_clinic)."""

    iterator = TreatmentChoiceIterator
    widget = TreatmentSelect
    titles = {}  # {translation key: title in the page's language}, TreatmentPage.titles_in

    def label_from_instance(self, obj):
        return self.titles.get(obj.translation_key, obj.title)


class ClinicChoiceField(forms.ModelChoiceField):
    """The practice's live clinics by name, as radio buttons: a handful, all worth seeing at once."""

    widget = forms.RadioSelect

    def label_from_instance(self, obj):
        return obj.title

    def to_python(self, value):
        # Only an id that can be a page's: SQLite cannot even compare a larger number.
        if value not in self.empty_values and not re.fullmatch(r"[0-9]{1,9}", str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ClinicChoices:
    """The live clinics a patient may choose from and which of them offer each treatment, read
    once: the embedded form keeps one per cache generation for all its renderings (leads_tags)."""

    def __init__(self, *, clinics=None):
        self.offered = {}  # {treatment id: {clinic id, ...}}
        if clinics is None:
            clinics = self.read_clinics_and_offers()
        self.clinics = list(clinics)

    def read_clinics_and_offers(self):
        """The live clinics in tree order, and which live treatments each offers, in one query: a
        row per clinic and treatment offered (one with no treatment for a clinic offering none)."""
        rows = (
            in_source_language(ClinicPage.objects.live())
            # Every price row's treatment (None for a clinic with none), and whether it is live.
            .annotate(
                treatment_offered=F("prices__treatment_id"), treatment_live=F("prices__treatment__live")
            )
            .order_by("path")
            .only("pk", "title", "slug")
        )
        clinics = {}
        for clinic in rows:
            clinics.setdefault(clinic.pk, clinic)
            if clinic.treatment_live:
                self.offered.setdefault(clinic.treatment_offered, set()).add(clinic.pk)
        return clinics.values()

    @classmethod
    def for_request(cls, request):
        """Read only on a site with a clinics index: a practice with one clinic pays no query."""
        return cls() if ClinicIndexPage.for_request(request) else cls(clinics=[])

    @property
    def asked(self):
        """Whether the form asks which clinic: only where the practice has several."""
        return len(self.clinics) > 1

    def offering(self, treatment_pk):
        return self.offered.get(treatment_pk, set()) if treatment_pk else set()

    def offers(self, clinic_pk, treatment_pk):
        """Whether a patient may ask for this treatment at this clinic: one of the clinics listing
        it, or any clinic for a treatment none lists yet (the practice has not entered its prices)."""
        offering = self.offering(treatment_pk)
        return not offering or clinic_pk in offering

    def named(self, asked):
        """The id of the clinic `asked` names (its slug or id), or None."""
        asked = str(asked or "")
        return next((clinic.pk for clinic in self.clinics if asked in (clinic.slug, str(clinic.pk))), None)

    def preselected(self, asked, treatment_pk):
        """The clinic a patient came from (`asked`: its slug or id), else the only one offering
        the treatment, else None."""
        if chosen := self.named(asked):
            return chosen
        offering = self.offering(treatment_pk)
        return next(iter(offering)) if len(offering) == 1 else None


class ConsultationForm(forms.Form):
    """A patient's request for a consultation, with explicit consent and anti-spam fields."""

    first_name = forms.CharField(
        max_length=100, validators=[validate_readable_text, validate_name], label=_("First name")
    )
    last_name = forms.CharField(
        max_length=100, validators=[validate_readable_text, validate_name], label=_("Last name")
    )
    email = forms.EmailField(
        max_length=254,
        required=False,
        validators=[validate_readable_text],
        label=_("Email"),
        help_text=_("We need an email address or a phone number, or both."),
    )
    phone = PhoneNumberField(
        required=False,
        max_length=40,
        label=_("Phone"),
        help_text=_("Include the country code if it is not a local number."),
    )
    treatment = TreatmentChoiceField(
        queryset=TreatmentPage.objects.none(),
        required=False,
        empty_label=_("Not sure yet"),
        label=_("Treatment you are interested in"),
    )
    preferred_contact = forms.ChoiceField(
        choices=Lead.ContactMethod.choices,
        initial=Lead.ContactMethod.PHONE,
        widget=forms.RadioSelect,
        label=_("How should we contact you?"),
    )
    # Drawn by leads/includes/preferred_times.html, only where a clinic offers times: not in the layout.
    preferred_times = PreferredTimesField()
    no_time_suits = forms.BooleanField(required=False, label=_("None of these suit me"))
    best_time = forms.ChoiceField(
        choices=Lead.BestTime.choices, initial=Lead.BestTime.ANY, label=_("Best time to reach you")
    )
    message = forms.CharField(
        max_length=2000,
        required=False,
        validators=[validate_readable_text],
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Anything you would like us to know (optional)"),
        help_text=_(
            "Please do not include detailed medical information here; we will ask at the consultation."
        ),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick this box so that we may contact you about your request.")},
    )
    # The consent version whose words the page showed: a page served from the cache after the
    # wording changed still records what its reader agreed to.
    consent_version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    marketing_consent = forms.BooleanField(required=False)
    # Not for people: hidden from view and from screen readers; bots fill in every field.
    website = forms.CharField(required=False, label=_("Leave this empty"), max_length=200)
    form_token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=400)
    # Set per page view by consultation.js, so visitors of one cached page never share a key.
    client_key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    source_page = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
    # Filled by consultation.js on the page a visitor landed on: that page's URL and the external
    # referrer, so a lead shows its campaign even without the attribution cookie. No length limit
    # here (a long click id must not refuse a patient's request); leads.attribution cuts them.
    landing_url = forms.CharField(required=False, widget=forms.HiddenInput, strip=True)
    landing_referrer = forms.CharField(required=False, widget=forms.HiddenInput, strip=True)

    def __init__(self, *args, clinic_choices=None, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treatment"].queryset = (
            TreatmentPage.offered().select_related("category").order_by("title")
        )
        self.fields["treatment"].titles = TreatmentPage.titles_in(request)
        self.clinic_choices = ClinicChoices() if clinic_choices is None else clinic_choices
        if self.clinic_choices.asked:
            self.fields["treatment"].widget.clinic_choices = self.clinic_choices
            self.limit_treatments_to_clinic()
            self.add_clinic_field()
            # After the treatment: validated after it, and listed after it among the errors.
            self.order_fields([*list(self.fields)[: list(self.fields).index("treatment") + 1], "clinic"])
        self.consent_shown = self.wording_shown()
        self.fields["consent"].label = self.consent_shown.text
        self.initial["consent_version"] = self.consent_shown.number
        self.marketing_wording = marketing_wording()
        self.fields["marketing_consent"].label = self.marketing_wording
        self.fields["first_name"].widget.attrs.update(autocomplete="given-name")
        self.fields["last_name"].widget.attrs.update(autocomplete="family-name")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        # No id on a hidden input (Django leaves out an attribute set to False): scripts and the
        # server find them by name, and every treatment page's form carries six.
        for hidden in self.hidden_fields():
            hidden.field.widget.attrs["id"] = False
        if not self.is_bound:
            self.initial.setdefault("form_token", make_form_token())
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # Pages with this form are cached; see leads/abuse.py.
        self.helper.field_template = FIELD_TEMPLATE
        self.helper.layout = Layout(
            Fieldset(
                gettext("Your details"),
                Div(
                    Field("first_name", wrapper_class="col-sm-6", template=FIELD_TEMPLATE),
                    Field("last_name", wrapper_class="col-sm-6", template=FIELD_TEMPLATE),
                    css_class="row",
                ),
                "email",
                "phone",
            ),
            Fieldset(
                gettext("Your request"),
                "treatment",
                *(["clinic"] if "clinic" in self.fields else []),
                HTML('{% include "leads/includes/preferred_times.html" with times=form.times_shown %}'),
                "preferred_contact",
                "best_time",
                "message",
            ),
            "consent",
            HTML('{% include "leads/includes/consent_untranslated.html" %}'),
            HTML('{% include "leads/includes/privacy_notice_link.html" %}'),
            "marketing_consent",
            Div("website", css_class="visually-hidden", aria_hidden="true"),
            "consent_version",
            "form_token",
            "client_key",
            "source_page",
            "landing_url",
            "landing_referrer",
        )
        self.action = reverse("leads:consultation")
        # The embedded form is memoised: it leaves a marker where the times go (leads_tags).
        self.times_deferred = False
        self.times_week = 0
        self.times_checked = None

    def limit_treatments_to_clinic(self):
        """Show only the treatments offered at the clinic the patient chose (sent) or came from
        (`initial["clinic"]`), and the treatment already chosen, whatever it is."""
        source = self.data if self.is_bound else self.initial
        self.fields["treatment"].widget.clinic = self.clinic_choices.named(source.get("clinic"))

    def add_clinic_field(self):
        """Which clinic, for a practice with several: preselected from the clinic the patient came
        from (`initial["clinic"]`, its slug or id), else the only clinic offering the treatment."""
        self.fields["clinic"] = ClinicChoiceField(
            queryset=in_source_language(ClinicPage.objects.live()).order_by("path"),
            label=_("Which clinic would you like to visit?"),
            error_messages={
                "required": _("Choose the clinic you would like to visit."),
                "invalid_choice": _("Choose one of our clinics from the list."),
            },
        )
        choices = self.clinic_choices
        self.fields["clinic"].choices = [(clinic.pk, clinic.title) for clinic in choices.clinics]
        if not self.is_bound:
            self.initial["clinic"] = choices.preselected(
                self.initial.get("clinic"), self.initial.get("treatment")
            )

    def wording_shown(self):
        """The consent version the patient read: the one the page they sent carried, else the
        current one (a form sent from a page that predates versions, or one with an unknown
        number, which `clean` then asks to be ticked again)."""
        if not self.is_bound:
            return wording_to_show()
        number = self.data.get("consent_version", "")
        shown = ConsentVersion.objects.filter(number=number).first() if str(number).isdigit() else None
        return shown or ConsentVersion.objects.current(active_language())

    @property
    def consent_untranslated(self):
        """Whether the consent is shown in English on another language's page, which has no wording
        of its own yet (ConsentVersion.objects.current)."""
        return self.consent_shown.language == settings.LANGUAGE_CODE != active_language()

    def clean_email(self):
        email = self.cleaned_data["email"]
        local, _, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}" if email else ""

    def clean_client_key(self):
        key = self.cleaned_data["client_key"]
        # Anything but the hex our script writes is ignored, and the server's nonce used instead.
        return key if re.fullmatch(r"[0-9a-f]{32}", key) else ""

    def clean_source_page(self):
        path = self.cleaned_data["source_page"]
        return path if path.startswith("/") and not path.startswith("//") else ""

    def clean_clinic(self):
        """Only a clinic that offers the chosen treatment; a treatment no clinic lists yet (the
        practice has not entered its prices) may be asked for at any clinic."""
        clinic, treatment = self.cleaned_data["clinic"], self.cleaned_data.get("treatment")
        if treatment and not self.clinic_choices.offers(clinic.pk, treatment.pk):
            offering = self.clinic_choices.offering(treatment.pk)
            names = [other.title for other in self.clinic_choices.clinics if other.pk in offering]
            either = " {} ".format(pgettext("between the names of clinics", "or"))
            raise ValidationError(
                gettext(
                    "%(clinic)s does not offer %(treatment)s. Choose %(clinics)s, or choose another treatment."
                )
                % {"clinic": clinic.title, "treatment": treatment.title, "clinics": either.join(names)}
            )
        return clinic

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("consent_version")
        if "consent_version" in self.errors or (number and number != self.consent_shown.number):
            self.errors.pop("consent_version", None)
            self.add_error(
                "consent", gettext("Our consent wording has changed. Please read it again and tick the box.")
            )
        email, phone = cleaned.get("email"), cleaned.get("phone")
        method = cleaned.get("preferred_contact")
        if "email" in self.errors or "phone" in self.errors:
            return cleaned
        if not email and not phone:
            message = gettext("Enter an email address or a phone number, so that we can reach you.")
            self.add_error("email", message)
            self.add_error("phone", message)
        elif method == Lead.ContactMethod.EMAIL and not email:
            self.add_error("email", gettext("Enter an email address, or choose to be contacted by phone."))
        elif method in (Lead.ContactMethod.PHONE, Lead.ContactMethod.TEXT) and not phone:
            self.add_error("phone", gettext("Enter a phone number, or choose to be contacted by email."))
        self.clean_times(cleaned)
        return cleaned

    def chosen_clinic(self, cleaned):
        """The clinic the request is for: the one chosen, or the practice's only clinic."""
        if "clinic" in self.fields:
            return cleaned.get("clinic")
        clinics = self.clinic_choices.clinics
        return clinics[0] if len(clinics) == 1 else None

    def clean_times(self, cleaned):
        """The preferred times against the chosen clinic's availability: an error for each that
        cannot be proposed; one taken since the page was shown is set aside, not refused."""
        values = cleaned.get("preferred_times") or []
        if not values or "preferred_times" in self.errors or "clinic" in self.errors:
            return
        if cleaned.get("no_time_suits"):
            self.add_error("preferred_times", gettext("Choose times or “None of these suit me”, not both."))
            return
        availability = ConsultationAvailability.for_clinic(self.chosen_clinic(cleaned))
        self.times_checked = check_times(availability, values)
        for error in self.times_checked.errors:
            self.add_error("preferred_times", error)

    @cached_property
    def times_shown(self):
        """The list of preferred times as this form shows it: free times of each clinic the form
        offers, this form's week, what the patient ticked and the errors found."""
        if self.is_bound:
            chosen = self.data.getlist("preferred_times") if hasattr(self.data, "getlist") else []
            none_suits = bool(self.data.get("no_time_suits"))
        else:
            chosen = list(self.initial.get("preferred_times") or [])
            none_suits = bool(self.initial.get("no_time_suits"))
        return TimesShown(
            offers=offers((clinic.pk, clinic.title) for clinic in self.clinic_choices.clinics),
            week=self.times_week,
            chosen=chosen,
            none_suits=none_suits,
            errors=self.errors.get("preferred_times", []) if self.is_bound else [],
        )

    @classmethod
    def typed_answers(cls, data):
        """(label, text) of what the patient typed, exactly as sent: for a page that cannot read the
        database, so no treatment name (the patient chose it from a list and will remember it), and
        read from the class, since building a form reads the treatments and the consent wording."""
        typed = ("first_name", "last_name", "email", "phone", "message")
        return [
            (cls.base_fields[name].label or pretty_name(name), data[name]) for name in typed if data.get(name)
        ]

    def lead_fields(self):
        """The cleaned values that become the lead's contact and request fields."""
        data = self.cleaned_data
        treatment = data.get("treatment")
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data.get("email", ""),
            "phone": data.get("phone") or "",
            "treatment": treatment,
            "treatment_title": treatment.title if treatment else "",
            "preferred_contact": data["preferred_contact"],
            "best_time": data["best_time"],
            "message": data.get("message", ""),
            "marketing_consent": bool(data.get("marketing_consent")),
            # Only with several clinics: a single-clinic practice's leads keep no clinic.
            **({"clinic": data["clinic"]} if "clinic" in self.fields else {}),
        }
