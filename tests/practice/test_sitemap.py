"""The sitemap: one file for a small site, an index of files once it passes the file size."""

import re

import pytest

from practice.sitemap import PageSitemap
from tests.treatments.factories import TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def test_a_site_that_fits_one_file_gets_the_sitemap_itself(client, treatment_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index)

    xml = client.get("/sitemap.xml").content.decode()

    assert "<urlset" in xml and "<sitemapindex" not in xml
    assert f"http://localhost{treatment.url}" in locations(xml)


def test_a_larger_site_gets_an_index_of_files_that_together_list_every_page(
    client, treatment_index, practice, monkeypatch
):
    monkeypatch.setattr(PageSitemap, "limit", 2)
    treatments = [TreatmentPageFactory(parent=treatment_index) for _ in range(4)]
    TreatmentPageFactory(parent=treatment_index, slug="draft", live=False)

    index = client.get("/sitemap.xml").content.decode()
    files = locations(index)
    per_file = [
        locations(client.get(url.removeprefix("http://testserver")).content.decode()) for url in files
    ]
    listed = [url for urls in per_file for url in urls]

    assert "<sitemapindex" in index
    assert files[0] == "http://testserver/sitemap-pages.xml"
    assert files[1:] == [
        f"http://testserver/sitemap-pages.xml?p={number}" for number in range(2, len(files) + 1)
    ]
    assert all(len(urls) <= 2 for urls in per_file)
    assert len(listed) == len(set(listed))
    assert {f"http://localhost{treatment.url}" for treatment in treatments} <= set(listed)
    assert "http://localhost/treatments/" in listed
    assert not any("draft" in url for url in listed)


@pytest.mark.parametrize(
    "path", ["/sitemap-pages.xml?p=abc", "/sitemap-pages.xml?p=99", "/sitemap-other.xml"]
)
def test_a_file_that_is_not_one_is_not_found(client, treatment_index, practice, path):
    TreatmentPageFactory(parent=treatment_index)

    assert client.get(path).status_code == 404
