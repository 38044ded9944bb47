"""Factories for treatment pages, articles and the raw StreamField blocks they hold."""

import factory
import wagtail_factories
from faker import Faker

from treatments.models import (
    ArticleIndexPage,
    ArticlePage,
    TreatmentCategory,
    TreatmentIndexPage,
    TreatmentPage,
)

fake = Faker()


class TreatmentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Treatments"
    slug = "treatments"
    intro = factory.Faker("sentence")

    class Meta:
        model = TreatmentIndexPage


class TreatmentCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = factory.Faker("sentence", nb_words=8)
    sort_order = factory.Sequence(int)

    class Meta:
        model = TreatmentCategory


class TreatmentPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=3)
    summary = factory.Faker("sentence", nb_words=14)
    search_description = factory.Faker("sentence", nb_words=12)
    sessions = "2 to 5"
    session_length = "45 minutes"
    downtime = "Minimal"
    results_last = "Several years"

    class Meta:
        model = TreatmentPage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Articles"
    slug = "articles"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=5)
    intro = factory.Faker("sentence", nb_words=14)
    date = factory.Faker("date_this_year")

    class Meta:
        model = ArticlePage


def faq_block(questions=2):
    """A raw FAQ block with `questions` made-up questions whose answers use bold text and a list."""
    return {
        "type": "faq",
        "value": {
            "heading": fake.sentence(nb_words=3),
            "questions": [
                {
                    "question": fake.sentence(nb_words=6).rstrip(".") + "?",
                    "answer": f"<p>{fake.sentence()} <b>{fake.word()}</b> &amp; {fake.word()}.</p>"
                    f"<ul><li>{fake.word()}</li><li>{fake.word()}</li></ul>",
                }
                for _ in range(questions)
            ],
        },
    }


def image_block(image):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": fake.sentence(nb_words=4)},
            "caption": fake.sentence(nb_words=4),
        },
    }


def paragraph_block():
    return {"type": "paragraph", "value": f"<p>{fake.paragraph()}</p>"}
