"""Factories for consent records, gallery items, the gallery page and the treatment pages they show."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from gallery.models import ConsentRecord, GalleryIndexPage, GalleryItem
from tests.treatments.factories import TreatmentPageFactory

__all__ = ["ConsentRecordFactory", "GalleryIndexPageFactory", "GalleryItemFactory", "TreatmentPageFactory"]


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    patient_reference = factory.Faker("bothify", text="PT-#####")
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=335))
    scope_website = True

    class Meta:
        model = ConsentRecord


class GalleryItemFactory(factory.django.DjangoModelFactory):
    title = factory.Faker("sentence", nb_words=4)
    before_image = factory.SubFactory(wagtail_factories.ImageFactory)
    before_alt_text = factory.Faker("sentence", nb_words=8)
    after_image = factory.SubFactory(wagtail_factories.ImageFactory)
    after_alt_text = factory.Faker("sentence", nb_words=8)
    sessions = 3
    time_since_treatment = "3 months after the last session"
    caption = factory.Faker("sentence", nb_words=20)
    consent = factory.SubFactory(ConsentRecordFactory)

    class Meta:
        model = GalleryItem


class GalleryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Before and after"
    slug = "before-and-after"

    class Meta:
        model = GalleryIndexPage
