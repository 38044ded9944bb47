"""What the demo practice shows once loaded: read-only checks sharing one load per module
(`demo_site`, a few seconds saved per test); tests/demo/test_load_demo.py runs the command itself."""

import pytest
from django.utils import timezone
from wagtail.models import Locale

from gallery.models import GalleryItem
from team.services import pages_due_for_review
from testimonials import models as testimonials
from treatments.models import ArticlePage, TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_demo_gallery_never_shows_the_item_whose_consent_expired(client):
    html = client.get("/before-and-after/").content.decode()

    assert "Jawline, 3 sessions" not in html  # titles are for the admin only
    assert "mild laxity along the jawline" in html
    assert "early laxity on the cheeks" not in html
    english = GalleryItem.objects.filter(locale=Locale.get_default())
    assert english.count() == 3 and GalleryItem.objects.shown().count() == 2
    # The two shown are translated into Spanish and Arabic; the one whose consent ended is not.
    assert GalleryItem.objects.count() == 3 + 2 * 2
    spanish = client.get("/es/before-and-after/").content.decode()
    assert "ligera flacidez a lo largo de la mandíbula" in spanish and "laxity" not in spanish


def test_demo_team_has_two_registered_practitioners_and_a_testimonial(client):
    html = client.get("/team/").content.decode()

    assert "Dr Amira Shah" in html and "Tom Reilly" in html
    assert testimonials.Testimonial.objects.shown().count() == 1


def test_demo_treatment_pages_show_their_practitioners_review_and_gallery(client):
    html = client.get("/treatments/laser-skin-tightening/").content.decode()

    assert "Who performs this treatment" in html and "Dr Amira Shah" in html
    assert "Page last reviewed:" in html and "Next review due:" in html
    assert "mild laxity along the jawline" in html
    assert "early laxity on the cheeks" not in html


def test_demo_reviews_every_treatment_and_article_with_one_overdue_in_each_of_its_languages():
    reviewed = [*TreatmentPage.objects.live(), *ArticlePage.objects.live()]
    assert all(page.last_reviewed for page in reviewed)
    due = {page.translation_key for page in pages_due_for_review()}
    assert due == {reviewed_page_overdue().translation_key}


def reviewed_page_overdue():
    today = timezone.localdate()
    english = Locale.get_default()
    pages = [*TreatmentPage.objects.filter(locale=english), *ArticlePage.objects.filter(locale=english)]
    (overdue,) = [page for page in pages if page.next_review_due < today]
    return overdue


def test_demo_links_its_privacy_notice_and_accessibility_statement_from_every_page(client):
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    statement = client.get("/accessibility/").content.decode()

    assert '<a href="/privacy/">Privacy notice</a>' in footer
    assert '<a href="/accessibility/">Accessibility statement</a>' in footer
    assert "Accessibility statement" in statement and "WCAG 2.2" in statement
    assert '<a href="/privacy/">our privacy notice</a>' in client.get("/consultation/").content.decode()
