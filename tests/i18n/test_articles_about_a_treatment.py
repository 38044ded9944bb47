"""A treatment page lists the articles about it written in its own language. A translated article
keeps pointing at the treatment's source page, as the editor chose it there; it is listed on the
treatment's page in its own language, not on the English one beside the English article."""

import pytest

from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory

from .conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def laser(treatment_index, practice):
    return TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening", slug="laser")


@pytest.fixture
def laser_in_spanish(laser, spanish, spanish_home):
    return translate(laser, spanish, title="Tensado con láser")


@pytest.fixture
def article(article_index, laser):
    article = ArticlePageFactory(parent=article_index, title="Does it last?", slug="does-it-last")
    article.treatments.set([laser])
    article.save_revision().publish()
    return article


@pytest.fixture
def articulo(article, spanish, spanish_home):
    return translate(article, spanish, title="¿Dura?")


def articles_listed(client, page):
    html = client.get(page.url).content.decode()
    return {title for title in ("Does it last?", "¿Dura?") if title in html}


def test_each_language_lists_the_articles_written_in_it(client, laser, laser_in_spanish, article, articulo):
    assert articulo.specific.treatments.get() == laser  # as translation copies it

    assert articles_listed(client, laser) == {"Does it last?"}
    assert articles_listed(client, laser_in_spanish) == {"¿Dura?"}
