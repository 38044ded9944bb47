"""Factories for the site-wide models; each app's tests add their own beside their tests."""

import factory
import wagtail_factories
from wagtail.models import Site

from practice.models import HomePage, PracticeSettings, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_heading = factory.Faker("sentence", nb_words=6)
    hero_text = factory.Faker("sentence", nb_words=12)

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=3)
    intro = factory.Faker("sentence", nb_words=10)

    class Meta:
        model = StandardPage


class PracticeSettingsFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    name = factory.Faker("company")
    phone = "020 7946 0321"
    email = factory.Faker("email")
    street_address = factory.Faker("street_address")
    locality = factory.Faker("city")
    postal_code = factory.Faker("postcode")

    class Meta:
        model = PracticeSettings
        django_get_or_create = ("site",)


def publish(page, **changes):
    """Publish a new revision of `page` with `changes`, as an editor would from the page as stored;
    the published page."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page
