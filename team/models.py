"""Practitioners, the team page that lists them, and the clinical review every health page carries."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import AbstractGroupApprovalTask
from wagtail.search import index

from practice.languages import page_languages
from practice.models import BasePage

from .dates import add_months


class RegistrationBody(models.TextChoices):
    """UK registers a practitioner of aesthetic treatments may be on."""

    GMC = "GMC", "General Medical Council (doctor)"
    NMC = "NMC", "Nursing and Midwifery Council (nurse)"
    GDC = "GDC", "General Dental Council (dentist)"
    GPHC = "GPhC", "General Pharmaceutical Council (pharmacist)"
    HCPC = "HCPC", "Health and Care Professions Council"
    NONE = "", "Not on a statutory register"


class TeamIndexPage(BasePage):
    """The team page: every practitioner, linking to their profile."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    subpage_types = ["team.PractitionerPage"]
    max_count = 1

    class Meta:
        verbose_name = "team index page"

    @cached_property
    def practitioners(self):
        """The live practitioners under this page, in the editor's order, photos joined in."""
        return PractitionerPage.objects.child_of(self).live().select_related("photo")


class PractitionerPage(BasePage):
    """One practitioner's public profile: who they are and how a patient can check their registration."""

    role = models.CharField(max_length=120, help_text="For example: Aesthetic doctor, Nurse prescriber.")
    registration_body = models.CharField(
        max_length=8, choices=RegistrationBody.choices, blank=True, default=RegistrationBody.NONE
    )
    registration_number = models.CharField(max_length=20, blank=True)
    credentials = models.CharField(
        max_length=200, blank=True, help_text="Qualifications as they follow the name: MBBS, MRCS."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt_text = models.CharField(
        max_length=250, blank=True, help_text="Describe the photo for people who cannot see it."
    )
    biography = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner_page",
        help_text="Their admin account, so a clinical review they approve is recorded in their name.",
    )

    content_panels = [
        FieldPanel("title", heading="Name"),
        FieldPanel("role"),
        FieldPanel("credentials"),
        MultiFieldPanel(
            [FieldPanel("registration_body"), FieldPanel("registration_number")],
            heading="Professional registration",
        ),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading="Photo"),
        FieldPanel("biography"),
    ]
    settings_panels = [*BasePage.settings_panels, FieldPanel("user")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("role"),
        index.SearchField("credentials"),
        index.SearchField("biography"),
    ]

    parent_page_types = ["team.TeamIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "practitioner page"

    def clean(self):
        super().clean()
        errors = {}
        if self.photo_id and not self.photo_alt_text.strip():
            errors["photo_alt_text"] = "Describe the photo so that it is accessible."
        if self.registration_body and not self.registration_number.strip():
            errors["registration_number"] = "Give the number patients can check on the register."
        if errors:
            raise ValidationError(errors)

    @property
    def is_doctor(self):
        return self.registration_body == RegistrationBody.GMC

    @property
    def registration(self):
        """'GMC 7012345', as shown on the profile, or an empty string."""
        if not self.registration_body:
            return ""
        return f"{self.registration_body} {self.registration_number}"

    def person_json_ld(self, request=None):
        """schema.org Person (also Physician for a registered doctor) for structured data."""
        data = {
            "@type": ["Person", "Physician"] if self.is_doctor else "Person",
            "name": self.title,
            "jobTitle": self.role,
        }
        url = self.get_full_url(request) if self.live else None
        if url:
            data["url"] = url
        if self.credentials:
            data["honorificSuffix"] = self.credentials
        if self.registration_body:
            data["hasCredential"] = {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "Professional registration",
                "recognizedBy": {"@type": "Organization", "name": self.get_registration_body_display()},
                "identifier": self.registration_number,
            }
        return data

    def get_structured_data(self, request):
        return [
            *super().get_structured_data(request),
            {"@context": "https://schema.org", **self.person_json_ld(request)},
        ]


class ClinicallyReviewedMixin(models.Model):
    """Who last checked a health page's clinical content, when, and when it must be checked again."""

    reviewed_by = models.ForeignKey(
        "team.PractitionerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="medically reviewed by",
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Leave empty to use the practice's review interval after the last review.",
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("reviewed_by"), FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading="Clinical review",
        )
    ]

    # How close to its due date a review is flagged in the admin report.
    DUE_SOON_DAYS = 30

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._fill_next_review_due()
        super().save(*args, **kwargs)

    @staticmethod
    def review_interval_months():
        return getattr(settings, "CLINICAL_REVIEW_INTERVAL_MONTHS", 12)

    @classmethod
    def default_next_review(cls, last_reviewed):
        return add_months(last_reviewed, cls.review_interval_months())

    def _fill_next_review_due(self):
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = self.default_next_review(self.last_reviewed)

    def clean(self):
        super().clean()
        self._fill_next_review_due()
        errors = {}
        if self.last_reviewed and not self.reviewed_by_id:
            errors["reviewed_by"] = "Say which practitioner reviewed the page."
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = "A review cannot be dated in the future."
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            errors["next_review_due"] = "The next review must fall after the last one."
        if errors:
            raise ValidationError(errors)

    def is_review_overdue(self, today=None):
        """A page never reviewed, or past its due date, is overdue."""
        today = today or timezone.localdate()
        return self.next_review_due is None or self.next_review_due < today

    def is_review_due_soon(self, today=None, within_days=None):
        """Not overdue yet, but due within the warning window."""
        today = today or timezone.localdate()
        within = datetime.timedelta(days=self.DUE_SOON_DAYS if within_days is None else within_days)
        return not self.is_review_overdue(today) and self.next_review_due <= today + within

    def record_review(self, *, reviewer, on=None):
        """Stamp a fresh review by `reviewer`, restarting the interval."""
        self.reviewed_by = reviewer
        self.last_reviewed = on or timezone.localdate()
        self.next_review_due = self.default_next_review(self.last_reviewed)

    def medical_web_page_json_ld(self, request=None):
        """schema.org MedicalWebPage with the reviewer and review date, for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": self.title,
            "inLanguage": page_languages(request, self).code,
        }
        url = self.get_full_url(request)
        if url:
            data["url"] = url
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.reviewed_by_id and self.last_reviewed:
            data["reviewedBy"] = self.reviewed_by.person_json_ld(request)
        return data

    def get_structured_data(self, request):
        # Comes before BasePage in a page's bases, so super() is the page's own structured data.
        return [*super().get_structured_data(request), self.medical_web_page_json_ld(request)]


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """A workflow step a clinician approves; approving stamps them as the page's reviewer, dated today."""

    class Meta:
        verbose_name = "clinical review task"
        verbose_name_plural = "clinical review tasks"

    def __str__(self):
        return self.name

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve the clinical content; approval records "
            "their practitioner profile as reviewer, dated today."
        )

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            self.record_review(task_state.revision, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    def record_review(revision, user):
        """Write the approver and today's date into the revision that the workflow will publish."""
        page = revision.as_object()
        practitioner = PractitionerPage.objects.filter(user=user).first() if user else None
        if not isinstance(page, ClinicallyReviewedMixin) or practitioner is None:
            # Approvers without a practitioner profile approve, but cannot sign the review off.
            return
        page.record_review(reviewer=practitioner)
        revision.content.update(
            reviewed_by=practitioner.pk,
            last_reviewed=page.last_reviewed.isoformat(),
            next_review_due=page.next_review_due.isoformat(),
        )
        revision.save(update_fields=["content"])
