"""Factories for practitioners, the team page and a clinically reviewed page."""

import factory
import wagtail_factories

from team.models import PractitionerPage, RegistrationBody, TeamIndexPage
from tests.reviewed_pages.models import ReviewedPage


class TeamIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our team"
    slug = "team"
    intro = factory.Faker("sentence", nb_words=10)

    class Meta:
        model = TeamIndexPage


class PractitionerPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("name")
    role = "Aesthetic doctor"
    registration_body = RegistrationBody.GMC
    registration_number = factory.Faker("numerify", text="7######")
    credentials = "MBBS, MRCS"
    biography = factory.LazyFunction(lambda: "<p>Years of experience in aesthetic medicine.</p>")

    class Meta:
        model = PractitionerPage


class ReviewedPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=3)
    body = factory.Faker("paragraph")

    class Meta:
        model = ReviewedPage
