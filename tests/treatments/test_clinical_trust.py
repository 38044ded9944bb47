"""Treatment and article pages show who reviewed them and, for treatments, who performs them and results."""

import datetime
import json

import pytest
from django.utils import timezone

from tests.gallery.factories import ConsentRecordFactory, GalleryItemFactory
from tests.team.factories import PractitionerPageFactory
from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory
from treatments.models import ArticlePage, TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def json_ld_types(html):
    blocks = html.split('<script type="application/ld+json">')[1:]
    return [json.loads(block.split("</script>")[0])["@type"] for block in blocks]


@pytest.mark.parametrize(
    "factory, index", [(TreatmentPageFactory, "treatment_index"), (ArticlePageFactory, "article_index")]
)
def test_reviewed_health_page_shows_the_review_near_its_end_and_in_json_ld(
    client, request, practice, doctor, factory, index
):
    page = factory(
        parent=request.getfixturevalue(index), reviewed_by=doctor, last_reviewed=datetime.date(2026, 3, 3)
    )

    html = client.get(page.url).content.decode()

    review_line = 'Page last reviewed: <time datetime="2026-03-03">3 March 2026</time> · Next review due: '
    assert review_line in html
    assert html.index(review_line) > html.index('id="consultation"')
    assert f'Medically reviewed by <a href="{doctor.url}">Dr Amira Shah</a>' in html
    assert "MedicalWebPage" in json_ld_types(html)


@pytest.mark.parametrize("model", [TreatmentPage, ArticlePage])
def test_editors_fill_in_the_review_on_treatments_and_articles(model):
    fields = model.get_edit_handler().get_form_options()["fields"]

    assert {"reviewed_by", "last_reviewed", "next_review_due"} <= set(fields)


def test_editors_choose_who_performs_a_treatment():
    assert "practitioners" in TreatmentPage.get_edit_handler().get_form_options()["fields"]


def test_treatment_page_shows_its_live_practitioners_only(
    client, practice, treatment_index, team_index, doctor
):
    nurse = PractitionerPageFactory(parent=team_index, title="Tom Reilly", live=False)
    treatment = TreatmentPageFactory(parent=treatment_index)
    treatment.practitioners.set([doctor, nurse])
    treatment.save()

    html = client.get(treatment.url).content.decode()

    assert "Who performs this treatment" in html
    assert "Dr Amira Shah" in html and "Tom Reilly" not in html
    assert list(doctor.treatments.all()) == [treatment]


def test_treatment_page_shows_consented_gallery_items_only(client, practice, treatment_index):
    treatment = TreatmentPageFactory(parent=treatment_index)
    GalleryItemFactory(treatment=treatment, caption="Consent still valid")
    expired = ConsentRecordFactory(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    GalleryItemFactory(treatment=treatment, caption="Consent ran out", consent=expired)

    html = client.get(treatment.url).content.decode()

    assert "Consent still valid" in html and "Consent ran out" not in html


def test_treatment_page_without_practitioners_gallery_or_review_shows_none_of_them(
    client, practice, treatment_index
):
    html = client.get(TreatmentPageFactory(parent=treatment_index).url).content.decode()

    assert "Who performs" not in html and "Before and after" not in html and "Page last reviewed" not in html
