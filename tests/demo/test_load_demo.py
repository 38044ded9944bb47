from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from gallery.models import GalleryItem
from practice.models import HomePage, PracticeSettings
from team.services import pages_due_for_review
from testimonials import models as testimonials
from treatments.models import ArticlePage, TreatmentPage

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_builds_a_practice_site_with_an_admin_login(client):
    output = load_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert PracticeSettings.for_site(site).name == "Riverside Aesthetics Clinic"
    assert "Admin login: admin / " in output
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert "Riverside Aesthetics Clinic" in client.get("/").content.decode()


def test_running_the_demo_twice_changes_nothing():
    load_demo()
    pages_before = list(Page.objects.values_list("id", "path", "title").order_by("path"))

    output = load_demo()

    assert list(Page.objects.values_list("id", "path", "title").order_by("path")) == pages_before
    assert get_user_model().objects.count() == 1
    assert "already exists" in output


def test_demo_keeps_practice_details_an_editor_changed():
    load_demo()
    details = PracticeSettings.objects.get()
    details.name = "Renamed Clinic"
    details.save()

    load_demo()

    assert PracticeSettings.objects.get().name == "Renamed Clinic"


def test_demo_gallery_never_shows_the_item_whose_consent_expired(client):
    load_demo()

    html = client.get("/before-and-after/").content.decode()

    assert "Jawline, 3 sessions" not in html  # titles are for the admin only
    assert "mild laxity along the jawline" in html
    assert "early laxity on the cheeks" not in html
    assert GalleryItem.objects.count() == 3 and GalleryItem.objects.shown().count() == 2


def test_demo_team_has_two_registered_practitioners_and_a_testimonial(client):
    load_demo()

    html = client.get("/team/").content.decode()

    assert "Dr Amira Shah" in html and "Tom Reilly" in html
    assert testimonials.Testimonial.objects.shown().count() == 1


def test_demo_treatment_pages_show_their_practitioners_review_and_gallery(client):
    load_demo()

    html = client.get("/treatments/laser-skin-tightening/").content.decode()

    assert "Who performs this treatment" in html and "Dr Amira Shah" in html
    assert "Page last reviewed:" in html and "Next review due:" in html
    assert "mild laxity along the jawline" in html
    assert "early laxity on the cheeks" not in html


def test_demo_reviews_every_treatment_and_article_with_one_overdue():
    load_demo()

    reviewed = [*TreatmentPage.objects.live(), *ArticlePage.objects.live()]
    assert all(page.last_reviewed for page in reviewed)
    assert [page.title for page in pages_due_for_review()] == [reviewed_page_overdue().title]


def reviewed_page_overdue():
    today = timezone.localdate()
    pages = [*TreatmentPage.objects.all(), *ArticlePage.objects.all()]
    (overdue,) = [page for page in pages if page.next_review_due < today]
    return overdue


def test_demo_links_its_privacy_notice_and_accessibility_statement_from_every_page(client):
    load_demo()

    footer = client.get("/").content.decode().split("<footer", 1)[1]
    statement = client.get("/accessibility/").content.decode()

    assert '<a href="/privacy/">Privacy notice</a>' in footer
    assert '<a href="/accessibility/">Accessibility statement</a>' in footer
    assert "Accessibility statement" in statement and "WCAG 2.2" in statement
    assert '<a href="/privacy/">our privacy notice</a>' in client.get("/consultation/").content.decode()
