import pytest

from tests.factories import StandardPageFactory
from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_live_treatments_and_articles_by_their_words(
    client, treatment_index, article_index, practice
):
    treatment = TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening")
    article = ArticlePageFactory(parent=article_index, title="Is laser tightening permanent?")
    TreatmentPageFactory(parent=treatment_index, title="Laser hair removal draft", live=False)
    StandardPageFactory(parent=treatment_index.get_parent(), title="Privacy policy")

    response = client.get("/search/", {"q": "laser"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{treatment.url}"' in html
    assert f'href="{article.url}"' in html
    assert "Laser hair removal draft" not in html
    assert "Privacy policy" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_search_without_a_query_shows_just_the_form(client, practice):
    html = client.get("/search/").content.decode()

    assert 'name="q"' in html
    assert "result" not in html.split("</form>")[1]
