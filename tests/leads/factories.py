"""Leads as the consultation form would store them, and the staff who work them."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from leads.models import ConsentVersion, Lead
from tests.treatments.factories import TreatmentPageFactory

__all__ = ["LeadFactory", "StaffFactory", "TreatmentPageFactory"]


class LeadFactory(factory.django.DjangoModelFactory):
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    # Numbered, not Faker's: its addresses borrow surnames ("vargas@...") that a test's search
    # for another patient's name would also find.
    email = factory.Sequence(lambda n: f"patient{n}@example.com")
    phone = factory.Sequence(lambda n: f"+4477009{n % 100000:05d}")
    treatment_title = factory.Faker("random_element", elements=["Laser skin tightening", "Chemical peel", ""])
    message = factory.Faker("sentence", nb_words=12)
    consent_wording = factory.LazyFunction(ConsentVersion.objects.current)
    consent_text = factory.LazyAttribute(lambda lead: lead.consent_wording.text)
    consent_version = factory.LazyAttribute(lambda lead: str(lead.consent_wording.number))
    consented_at = factory.LazyFunction(timezone.now)
    utm_source = factory.Faker("random_element", elements=["google", "instagram", ""])
    utm_campaign = factory.Faker("random_element", elements=["spring-peels", ""])

    class Meta:
        model = Lead


class StaffFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Faker("email")
    is_staff = False
    password = factory.django.Password("front-desk-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        for name in names or []:
            self.groups.add(Group.objects.get(name=name))
