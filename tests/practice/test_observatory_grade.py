"""The production headers earn an A+ on the public pages by the HTTP Observatory's rules."""

import pytest

from bench.observatory import grade

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("site_for_the_module"),
    pytest.mark.database_independent("grades response headers, which no database changes"),
]


@pytest.fixture
def production_transport(settings):
    """The HTTPS settings production.py adds, which the test settings leave out."""
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def graded(client, path):
    response = client.get(path, secure=True)
    plain = client.get(path)
    cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    return grade(
        dict(response.headers),
        cookies,
        response.content.decode(),
        "testserver",
        plain.status_code,
        plain.headers.get("Location"),
    )


def test_home_page_grades_a_plus(client, home, practice, production_transport):
    report = graded(client, "/")

    assert report.grade == "A+", report.results
    assert report.score == 120


def test_admin_login_loses_only_what_wagtail_inline_scripts_cost(client, production_transport):
    report = graded(client, "/admin/login/")

    penalties = [(result, modifier) for _, result, modifier in report.results if modifier < 0]
    assert penalties == [("csp-implemented-with-unsafe-inline", -20)]
    assert report.grade == "B+"


def test_a_site_without_security_headers_fails():
    report = grade(
        {"Content-Type": "text/html"}, ["sessionid=abc; Path=/"], "<html></html>", "clinic.example"
    )

    assert report.score == 0
    assert report.grade == "F"


@pytest.fixture
def every_page_type(home, practice, treatment_index, article_index, team_index, doctor):
    """One page of each type a patient can land on, published."""
    from tests.gallery.factories import GalleryIndexPageFactory
    from tests.treatments.factories import ArticlePageFactory, TreatmentPageFactory

    TreatmentPageFactory(parent=treatment_index, slug="laser-skin-tightening")
    ArticlePageFactory(parent=article_index, slug="what-a-peel-does")
    GalleryIndexPageFactory(parent=home)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/", id="home"),
        pytest.param("/treatments/", id="treatments-index"),
        pytest.param("/treatments/laser-skin-tightening/", id="treatment"),
        pytest.param("/articles/", id="articles-index"),
        pytest.param("/articles/what-a-peel-does/", id="article"),
        pytest.param("/consultation/", id="consultation-form"),
        pytest.param("/consultation/thank-you/", id="thank-you"),
        pytest.param("/search/?q=peel", id="search"),
        pytest.param("/team/", id="team"),
        pytest.param("/before-and-after/", id="gallery"),
    ],
)
def test_every_page_type_grades_a_plus(client, every_page_type, production_transport, path):
    assert client.get(path, secure=True).status_code == 200
    report = graded(client, path)

    assert report.grade == "A+", report.results
