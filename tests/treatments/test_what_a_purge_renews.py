"""A publish renews only the render memos that show what it changed (practice.memo): one page's
new summary leaves the site, menu, practice details, gallery and clinics' prices memoised, while a
change to any of those shows on the next render of every page that shows it."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from clinics.models import ClinicPrice
from practice.models import PracticeSettings
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory, ClinicPriceFactory
from tests.factories import StandardPageFactory, publish
from tests.gallery.factories import GalleryItemFactory
from tests.treatments.factories import TreatmentPageFactory
from treatments.models import TreatmentIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment(treatment_index, doctor, practice):
    """A live treatment with a practitioner, a clinic offering it at a price and a gallery item."""
    treatment = TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening")
    treatment.practitioners.set([doctor])
    treatment.save_revision().publish()
    clinic = ClinicPageFactory(parent=ClinicIndexPageFactory(parent=treatment_index.get_parent()))
    clinic.title = "Marylebone"
    clinic.save_revision().publish()
    ClinicPriceFactory(clinic=clinic, treatment=treatment, price=Decimal("300"))
    GalleryItemFactory(
        treatment=treatment,
        caption="Six weeks after the second session",
        consent__expires_on=datetime.date.today() + datetime.timedelta(days=365),
    )
    return treatment


def render(client, url):
    """The page as anonymous visitors get it rendered, past the page cache."""
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def tables_read(client, url):
    """The first table each of the render's queries reads from (the form's digest joins others)."""
    with CaptureQueriesContext(connection) as queries:
        render(client, url)
    return " ".join(query["sql"].split(" FROM ", 1)[1].split(" ", 1)[0] for query in queries.captured_queries)


def test_a_new_summary_reads_none_of_what_the_page_shows_besides_itself(client, treatment):
    render(client, treatment.url)

    publish(treatment, summary="Firmer skin in a lunch hour.")
    read = tables_read(client, treatment.url)

    assert '"treatments_treatmentpage"' in read  # the page itself, routed again
    for table in (
        "wagtailcore_site",
        "practice_practicesettings",
        "gallery_galleryitem",
        "clinics_clinicprice",
    ):
        assert f'"{table}"' not in read
    assert "Firmer skin in a lunch hour." in render(client, treatment.url)


def test_a_gallery_item_edited_shows_inside_the_memoised_page(
    client, treatment, django_capture_on_commit_callbacks
):
    render(client, treatment.url)

    item = treatment.gallery_items.get()
    item.caption = "Eight weeks after the second session"
    with django_capture_on_commit_callbacks(execute=True):
        item.save()

    assert "Eight weeks after the second session" in render(client, treatment.url)


def test_a_clinics_new_price_shows_on_the_treatment_page(client, treatment):
    render(client, treatment.url)

    price = ClinicPrice.objects.get(treatment=treatment)
    clinic = price.clinic.specific
    clinic.prices.filter(pk=price.pk).update(price=Decimal("350"))
    clinic = type(clinic).objects.get(pk=clinic.pk)
    clinic.save_revision().publish()

    html = render(client, treatment.url)
    assert "£350" in html and "£300" not in html


def test_a_renamed_treatment_shows_in_its_gallery_and_where_to_have_it(client, treatment):
    render(client, treatment.url)

    publish(treatment, title="Radiofrequency skin tightening")
    html = render(client, treatment.url)

    assert "<strong>Laser skin tightening</strong>" not in html
    assert "<strong>Radiofrequency skin tightening</strong>" in html
    assert "Where to have Radiofrequency skin tightening" in html


def test_changed_practice_details_show_in_the_header_and_structured_data(client, treatment):
    render(client, treatment.url)

    details = PracticeSettings.objects.get()
    details.name = "Harley Skin Clinic"
    details.save()
    html = render(client, treatment.url)

    assert '<a class="site-name text-decoration-none" href="/">Harley Skin Clinic</a>' in html
    assert '"name":"Harley Skin Clinic"' in html


def test_the_menu_follows_titles_menu_flags_new_sections_and_unpublishing(client, treatment, treatment_index):
    home = treatment_index.get_parent()
    about = StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    publish(treatment_index, show_in_menus=True)
    render(client, treatment.url)

    publish(treatment_index, title="Our treatments")
    publish(about, show_in_menus=False)
    StandardPageFactory(parent=home, title="Contact", slug="contact", show_in_menus=True)
    html = render(client, treatment.url)

    assert '<a href="/treatments/">Our treatments</a>' in html
    assert '<a href="/contact/">Contact</a>' in html
    assert '<a href="/about/">' not in html

    TreatmentIndexPage.objects.get(pk=treatment_index.pk).unpublish()
    assert '<a href="/treatments/">' not in render(client, "/contact/")


def test_a_sections_and_the_home_pages_own_words_show_on_them(client, treatment_index, home):
    render(client, treatment_index.url)
    render(client, "/")

    # No change to the menu or to any link: only the pages themselves show these.
    publish(treatment_index, search_description="Everything we offer.")
    publish(home, hero_heading="Skin care you can trust")

    assert '<meta name="description" content="Everything we offer.">' in render(client, treatment_index.url)
    assert "Skin care you can trust" in render(client, "/")


def test_a_policy_page_given_a_new_address_is_linked_there_from_every_footer(client, treatment):
    notice = StandardPageFactory(parent=treatment.get_parent().get_parent(), title="Privacy", slug="privacy")
    details = PracticeSettings.objects.get()
    details.privacy_notice_page = notice
    details.save()
    render(client, treatment.url)

    publish(notice, slug="privacy-notice")

    assert '<a href="/privacy-notice/">' in render(client, treatment.url)


def test_the_home_pages_new_title_shows_in_breadcrumbs(client, treatment, home):
    render(client, treatment.url)

    publish(home, title="Welcome")

    assert '<a href="/">Welcome</a>' in render(client, treatment.url)
