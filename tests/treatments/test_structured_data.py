import json

import pytest
from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory, faq_block, paragraph_block
from treatments.models import TreatmentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def json_ld(html):
    """Every JSON-LD object on a page, by its @type."""
    soup = BeautifulSoup(html, "html.parser")
    objects = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return {data["@type"]: data for data in objects}


def test_faq_structured_data_repeats_every_visible_question_and_answer_exactly(
    client, treatment_index, practice
):
    treatment = TreatmentPageFactory(
        parent=treatment_index, body=json.dumps([faq_block(2), paragraph_block(), faq_block(3)])
    )

    html = client.get(treatment.url).content.decode()

    soup = BeautifulSoup(html, "html.parser")
    visible = [
        (
            details.summary.get_text(),
            details.find(class_="faq-answer").decode_contents(),
        )
        for details in soup.find_all("details", class_="faq-item")
    ]
    structured = [
        (question["name"], str(BeautifulSoup(question["acceptedAnswer"]["text"], "html.parser")))
        for question in json_ld(html)["FAQPage"]["mainEntity"]
    ]
    assert len(visible) == 5
    assert structured == visible


def test_page_without_faq_blocks_has_no_faq_structured_data(client, treatment_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index, body=json.dumps([paragraph_block()]))

    assert "FAQPage" not in json_ld(client.get(treatment.url).content.decode())


def test_treatment_is_described_as_a_medical_procedure_within_the_practice_trail(
    client, home, treatment_index, practice
):
    treatment = TreatmentPageFactory(
        parent=treatment_index,
        slug="microneedling",
        procedure_type=TreatmentPage.ProcedureType.PERCUTANEOUS,
        hero_image=ImageFactory(),
    )

    data = json_ld(client.get(treatment.url).content.decode())

    procedure = data["MedicalProcedure"]
    assert procedure["name"] == treatment.title
    assert procedure["description"] == treatment.summary
    assert procedure["url"] == "http://localhost/treatments/microneedling/"
    assert procedure["procedureType"] == "https://schema.org/PercutaneousProcedure"
    assert procedure["image"].startswith("http://localhost/media/images/")
    trail = data["BreadcrumbList"]["itemListElement"]
    assert [(item["position"], item["name"]) for item in trail] == [
        (1, home.title),
        (2, treatment_index.title),
        (3, treatment.title),
    ]
    assert trail[2]["item"] == procedure["url"]


def test_every_page_describes_the_practice_as_a_medical_clinic(client, home, practice):
    clinic = json_ld(client.get("/").content.decode())["MedicalClinic"]

    assert clinic["name"] == practice.name
    assert clinic["telephone"] == practice.phone
    assert clinic["address"]["streetAddress"] == practice.street_address
    assert clinic["url"] == "http://localhost/"


def test_article_is_described_as_an_article_about_its_treatments(
    client, treatment_index, article_index, practice
):
    treatment = TreatmentPageFactory(parent=treatment_index)
    article = ArticlePageFactory(parent=article_index, body=json.dumps([faq_block(1)]))
    article.treatments.set([treatment])
    article.save_revision().publish()

    data = json_ld(client.get(article.url).content.decode())

    assert data["Article"]["headline"] == article.title
    assert data["Article"]["datePublished"] == article.date.isoformat()
    assert data["Article"]["publisher"]["name"] == practice.name
    assert [about["name"] for about in data["Article"]["about"]] == [treatment.title]
    assert len(data["FAQPage"]["mainEntity"]) == 1


def test_structured_data_cannot_close_its_script_element_early(client, treatment_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index, title="Peels </script><b>bold</b>")

    html = client.get(treatment.url).content.decode()

    assert "</script><b>" not in html
    assert json_ld(html)["MedicalProcedure"]["name"] == treatment.title
