"""What a treatment page memoises between renders is renewed on publish and never used in previews."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.utils import timezone

from tests.factories import publish
from tests.gallery.factories import ConsentRecordFactory, GalleryItemFactory
from tests.team.factories import PractitionerPageFactory
from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment(treatment_index, article_index, doctor, practice):
    """A live treatment with a related treatment, an article about it and a practitioner."""
    related = TreatmentPageFactory(parent=treatment_index, title="Microneedling")
    treatment = TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening")
    treatment.related_treatments.set([related])
    treatment.practitioners.set([doctor])
    treatment.save()
    article = ArticlePageFactory(parent=article_index, title="Does it last?")
    article.treatments.set([treatment])
    article.save()
    return treatment


def render(client, page):
    """The page as anonymous visitors get it rendered, past the page cache."""
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def linked(title):
    """How a page card or practitioner card links a page (the form's treatment list only names it)."""
    return f">{title}</a>"


def test_published_changes_to_related_pages_and_practitioners_show_on_the_next_render(
    client, treatment, doctor, article_index
):
    related = treatment.related_treatments.get()
    render(client, treatment)  # memoises the routed page and its fragments

    publish(related, title="Microneedling with radiofrequency")
    publish(doctor, title="Dr Amira Shah-Khan")
    publish(treatment, title="Laser tightening")
    newer = ArticlePageFactory(parent=article_index, title="What to expect on the day")
    newer.treatments.set([treatment])
    newer.save_revision().publish()
    html = render(client, treatment)

    assert linked("Microneedling with radiofrequency") in html
    assert linked("Dr Amira Shah-Khan") in html
    assert "<h1>Laser tightening</h1>" in html
    assert linked("What to expect on the day") in html


def test_a_preview_shows_the_drafts_relations_and_leaves_the_live_page_alone(
    client, treatment, treatment_index, team_index
):
    other = TreatmentPageFactory(parent=treatment_index, title="Chemical peel")
    nurse = PractitionerPageFactory(parent=team_index, title="Nurse Jo Bell")
    render(client, treatment)  # memoises the live page's fragments

    # An editor's unsaved choices: modelcluster keeps them in memory until the page is saved.
    treatment.related_treatments.set([other])
    treatment.practitioners.set([nurse])
    preview = treatment.make_preview_request().content.decode()
    live = render(client, treatment)

    assert linked("Chemical peel") in preview and linked("Microneedling") not in preview
    assert linked("Nurse Jo Bell") in preview and linked("Dr Amira Shah") not in preview
    assert linked("Microneedling") in live and linked("Chemical peel") not in live
    assert linked("Dr Amira Shah") in live and linked("Nurse Jo Bell") not in live


def test_gallery_hides_photos_whose_consent_lapsed_overnight_without_any_purge(
    client, treatment, midnight_passes
):
    today = timezone.localdate()
    GalleryItemFactory(treatment=treatment, caption="Shown to the last day", consent__expires_on=today)
    GalleryItemFactory(
        treatment=treatment,
        caption="Consent begins tomorrow",
        consent=ConsentRecordFactory(signed_on=today + datetime.timedelta(days=1)),
    )
    html_today = render(client, treatment)

    midnight_passes()
    html_tomorrow = render(client, treatment)

    assert "Shown to the last day" in html_today and "Consent begins tomorrow" not in html_today
    assert "Consent begins tomorrow" in html_tomorrow and "Shown to the last day" not in html_tomorrow


def test_memoise_tag_renders_afresh_in_previews_and_outside_pages(treatment):
    template = Template('{% load practice_tags %}{% memoise "part" %}{{ text }}{% endmemoise %}')
    live = RequestFactory().get("/", HTTP_HOST="localhost")
    preview = RequestFactory().get("/", HTTP_HOST="localhost")
    preview.is_preview = True

    def rendered(request, text, page=treatment):
        return template.render(Context({"request": request, "page": page, "text": text}))

    assert rendered(live, "first") == "first"
    assert rendered(live, "second") == "first"
    assert rendered(preview, "draft") == "draft"
    assert rendered(live, "not a page", page=None) == "not a page"
