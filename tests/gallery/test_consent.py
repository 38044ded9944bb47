import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template import Context, Template
from django.utils import timezone

from gallery.models import GalleryItem
from gallery.signals import gallery_changed
from tests.gallery.factories import (
    ConsentRecordFactory,
    GalleryIndexPageFactory,
    GalleryItemFactory,
    TreatmentPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def treatment(home):
    return TreatmentPageFactory(parent=home, title="Laser skin tightening", slug="laser-skin-tightening")


def test_only_items_with_valid_website_consent_are_shown(treatment):
    today = timezone.localdate()
    valid = GalleryItemFactory(treatment=treatment)
    last_day = GalleryItemFactory(treatment=treatment, consent=ConsentRecordFactory(expires_on=today))
    GalleryItemFactory(treatment=treatment, consent=ConsentRecordFactory(expires_on=today - days(1)))
    GalleryItemFactory(
        treatment=treatment, consent=ConsentRecordFactory(revoked=True, revoked_on=today - days(2))
    )
    GalleryItemFactory(
        treatment=treatment, consent=ConsentRecordFactory(scope_website=False, scope_social=True)
    )
    GalleryItemFactory(treatment=treatment, live=False)

    assert set(GalleryItem.objects.shown()) == {valid, last_day}


def test_items_of_an_unpublished_treatment_are_not_shown(home):
    draft = TreatmentPageFactory(parent=home, live=False)
    GalleryItemFactory(treatment=draft)

    assert not GalleryItem.objects.shown().exists()


def test_an_item_cannot_be_published_on_expired_consent(treatment):
    item = GalleryItemFactory.build(
        treatment=treatment, consent=ConsentRecordFactory(expires_on=timezone.localdate() - days(1))
    )

    with pytest.raises(ValidationError) as error:
        item.clean()

    assert "live" in error.value.message_dict


def test_revocation_needs_its_date_and_expiry_follows_signing():
    record = ConsentRecordFactory.build(revoked=True, signed_on=datetime.date(2026, 5, 1))
    record.expires_on = datetime.date(2026, 4, 1)

    with pytest.raises(ValidationError) as error:
        record.clean()

    assert {"revoked_on", "expires_on"} <= set(error.value.message_dict)


def test_revoking_consent_tells_the_page_cache_after_commit(treatment, django_capture_on_commit_callbacks):
    item = GalleryItemFactory(treatment=treatment)
    received = []

    def listener(sender, **kwargs):
        received.append(sender)

    gallery_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            consent = item.consent
            consent.revoked, consent.revoked_on = True, timezone.localdate()
            consent.save()
    finally:
        gallery_changed.disconnect(listener)

    assert set(received) == {GalleryItem}  # once for the change, once for the deleted photos
    assert not GalleryItem.objects.shown().exists()


def test_daily_command_unpublishes_lapsed_items_and_reports_them(
    treatment, django_capture_on_commit_callbacks
):
    kept = GalleryItemFactory(treatment=treatment, title="Still consented")
    lapsed = GalleryItemFactory(
        treatment=treatment,
        title="Lapsed consent",
        consent=ConsentRecordFactory(patient_reference="PT-00042", expires_on=timezone.localdate() - days(1)),
    )
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("expire_gallery_consents", stdout=out)

    lapsed.refresh_from_db()
    kept.refresh_from_db()
    assert not lapsed.live and kept.live
    assert "Unpublished 'Lapsed consent'" in out.getvalue() and "PT-00042" in out.getvalue()
    assert "1 gallery item(s) unpublished." in out.getvalue()
    assert callbacks  # the page cache is told after commit


def test_gallery_page_filters_by_treatment_and_hides_expired_items(client, home, treatment, practice):
    peel = TreatmentPageFactory(parent=home, title="Chemical peel", slug="chemical-peel")
    gallery = GalleryIndexPageFactory(parent=home)
    GalleryItemFactory(treatment=treatment, caption="Jawline after three sessions")
    GalleryItemFactory(treatment=peel, caption="Texture after two peels")
    GalleryItemFactory(
        treatment=peel,
        caption="Expired consent photo",
        consent=ConsentRecordFactory(expires_on=timezone.localdate() - days(1)),
    )

    everything = client.get(gallery.url).content.decode()
    peels_only = client.get(gallery.url + "?treatment=chemical-peel").content.decode()

    assert "Jawline after three sessions" in everything and "Texture after two peels" in everything
    assert "Expired consent photo" not in everything
    assert "Individual results vary" in everything
    assert 'href="/before-and-after/?treatment=laser-skin-tightening"' in everything
    assert "Texture after two peels" in peels_only and "Jawline after three sessions" not in peels_only
    assert "<picture>" in everything and "image/avif" in everything


def test_treatment_gallery_include_shows_that_treatments_items_with_the_notice(home, treatment):
    other = TreatmentPageFactory(parent=home)
    GalleryItemFactory(treatment=treatment, caption="Ours", sessions=2, before_alt_text="Jawline before")
    GalleryItemFactory(treatment=other, caption="Someone else's")
    template = Template("{% load gallery_tags %}{% treatment_gallery page %}")

    html = template.render(Context({"page": treatment}))
    empty = template.render(Context({"page": TreatmentPageFactory(parent=home)}))

    assert "Ours" in html and "Someone else's" not in html
    assert "2 sessions" in html and 'alt="Jawline before"' in html
    assert "Individual results vary" in html
    assert empty.strip() == ""


def test_gallery_list_says_which_items_the_public_sees_without_patient_references(admin_client, home):
    treatment = TreatmentPageFactory(parent=home)
    GalleryItemFactory(treatment=treatment, title="Valid item", consent__patient_reference="PT-11111")
    GalleryItemFactory(
        treatment=treatment,
        title="Revoked item",
        consent=ConsentRecordFactory(revoked=True, revoked_on=timezone.localdate()),
    )

    html = admin_client.get("/admin/gallery_items/").content.decode()

    assert "Valid item" in html and "Shown" in html
    assert "Hidden: consent lapsed or revoked" in html
    assert "PT-11111" not in html


def test_revoking_consent_removes_the_item_from_a_cached_treatment_page(
    client, treatment, practice, django_capture_on_commit_callbacks
):
    item = GalleryItemFactory(treatment=treatment, caption="Six weeks after the third session")
    client.get(treatment.url)
    cached = client.get(treatment.url)
    assert cached["X-Cache"] == "hit"
    assert item.caption in cached.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        item.consent.revoked = True
        item.consent.revoked_on = timezone.localdate()
        item.consent.save()

    response = client.get(treatment.url)
    assert response["X-Cache"] == "miss"
    assert item.caption not in response.content.decode()


def test_consent_lapsing_at_midnight_leaves_no_cached_page_showing_the_item(
    client, treatment, practice, midnight_passes
):
    today = timezone.localdate()
    item = GalleryItemFactory(treatment=treatment, caption="Shown to the last day", consent__expires_on=today)
    client.get(treatment.url)
    cached = client.get(treatment.url)
    assert cached["X-Cache"] == "hit" and item.caption in cached.content.decode()

    # Midnight passes; nothing is saved and the daily command has not run yet.
    midnight_passes()
    response = client.get(treatment.url)

    assert response["X-Cache"] == "miss"
    assert item.caption not in response.content.decode()
