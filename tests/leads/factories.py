"""Factories for the leads tests: treatment pages to ask about and leads already recorded."""

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone

from leads.models import Lead
from treatments.models import TreatmentPage


class TreatmentPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=2)
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    summary = factory.Faker("sentence", nb_words=12)

    class Meta:
        model = TreatmentPage


class LeadFactory(factory.django.DjangoModelFactory):
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Faker("email")
    phone = "+442079460000"
    consent_text = factory.LazyFunction(lambda: settings.LEADS_CONSENT_TEXT)
    consent_version = factory.LazyFunction(lambda: settings.LEADS_CONSENT_VERSION)
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Lead
