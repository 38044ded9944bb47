import datetime

import factory
import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from testimonials import models

pytestmark = pytest.mark.django_db


class PatientTestimonialFactory(factory.django.DjangoModelFactory):
    quote = factory.Faker("sentence", nb_words=20)
    attribution = factory.Faker("first_name")
    consent_reference = factory.Faker("bothify", text="TC-####")
    consent_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    live = True

    class Meta:
        model = models.Testimonial


def test_an_editor_cannot_publish_a_testimonial_without_consent():
    testimonial = models.Testimonial(quote="Lovely team", attribution="Sam", live=True)

    with pytest.raises(ValidationError) as error:
        testimonial.full_clean()

    assert {"consent_reference", "consent_date"} <= set(error.value.message_dict)


def test_a_draft_may_wait_for_its_consent():
    models.Testimonial(quote="Lovely team", attribution="Sam", live=False).full_clean()


def test_publishing_through_the_admin_without_consent_is_refused(admin_client):
    response = admin_client.post(
        "/admin/testimonials/add/", {"quote": "Lovely team", "attribution": "Sam", "live": "on"}
    )

    assert response.status_code == 200
    assert "Record the patient&#x27;s consent" in response.content.decode()
    assert not models.Testimonial.objects.exists()


def test_every_published_testimonial_is_shown_whatever_it_says():
    glowing = PatientTestimonialFactory(quote="Wonderful results, highly recommend.")
    lukewarm = PatientTestimonialFactory(quote="The result was subtle; I expected more.")
    PatientTestimonialFactory(quote="Draft words", live=False)

    html = Template("{% load testimonial_tags %}{% testimonials %}").render(Context())

    assert set(models.Testimonial.objects.shown()) == {glowing, lukewarm}
    assert "Wonderful results" in html and "I expected more" in html
    assert "Draft words" not in html
