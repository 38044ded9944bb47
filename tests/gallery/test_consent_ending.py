"""Consent that ends removes the photos: files and renditions gone, caches purged; patient photos
and patient references only for gallery staff."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone
from wagtail.images.models import Image, Rendition

from gallery.models import GalleryItem
from gallery.services import PATIENT_PHOTOS
from practice.cache import current_generation
from tests.gallery.factories import ConsentRecordFactory, GalleryItemFactory, TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Uploads on the real filesystem, as in production without a bucket."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture
def treatment(home):
    return TreatmentPageFactory(parent=home, title="Laser skin tightening", slug="laser-skin-tightening")


def photo_files(item):
    """Paths on disk of both photos' originals and of a rendition of each, made as a page would."""
    paths = []
    for image in (item.before_image, item.after_image):
        rendition = image.get_rendition("fill-40x40")
        paths += [Path(image.file.path), Path(rendition.file.path)]
    return paths


def test_revoking_consent_deletes_originals_and_renditions_from_disk(
    media_on_disk, treatment, django_capture_on_commit_callbacks
):
    item = GalleryItemFactory(treatment=treatment)
    kept = GalleryItemFactory(treatment=treatment)
    files, kept_files = photo_files(item), photo_files(kept)
    assert all(path.exists() for path in files)
    generation = current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        item.consent.revoked = True
        item.consent.revoked_on = timezone.localdate()
        item.consent.save()

    assert not any(path.exists() for path in files)
    assert all(path.exists() for path in kept_files)
    item.refresh_from_db()
    assert (item.before_image, item.after_image, item.live) == (None, None, False)
    assert Image.objects.count() == 2 and Rendition.objects.count() == 2
    assert current_generation() != generation  # the page cache was purged


def test_a_photo_another_consent_in_force_still_covers_is_kept(
    media_on_disk, treatment, django_capture_on_commit_callbacks
):
    ended = GalleryItemFactory(treatment=treatment)
    renewed = GalleryItemFactory(treatment=treatment, before_image=ended.before_image)
    shared, own = Path(ended.before_image.file.path), Path(ended.after_image.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        ended.consent.revoked = True
        ended.consent.revoked_on = timezone.localdate()
        ended.consent.save()

    assert shared.exists() and not own.exists()
    renewed.refresh_from_db()
    ended.refresh_from_db()
    assert renewed.before_image is not None and renewed.after_image is not None
    assert (ended.before_image, ended.after_image) == (None, None)


def test_the_daily_command_deletes_the_photos_of_a_consent_that_lapsed(
    media_on_disk, treatment, django_capture_on_commit_callbacks
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    item = GalleryItemFactory(treatment=treatment, consent=ConsentRecordFactory(expires_on=yesterday))
    files = photo_files(item)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_gallery_consents", stdout=StringIO())

    assert not any(path.exists() for path in files)


def test_a_configured_cdn_is_purged_of_the_files_and_the_pages(
    treatment, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://cdn.invalid",
        }
    }
    purged = []
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.backends.HTTPBackend.purge", lambda backend, url: purged.append(url)
    )
    item = GalleryItemFactory(treatment=treatment)
    original_url = item.before_image.file.url
    rendition_url = item.before_image.get_rendition("fill-40x40").url

    with django_capture_on_commit_callbacks(execute=True):
        item.consent.revoked = True
        item.consent.revoked_on = timezone.localdate()
        item.consent.save()

    assert any(url.endswith(original_url) for url in purged)
    assert any(url.endswith(rendition_url) for url in purged)
    assert any(url.endswith(treatment.url) for url in purged)


def test_a_gallery_items_photos_are_filed_where_only_gallery_staff_browse(
    client, treatment, django_user_model
):
    item = GalleryItemFactory(treatment=treatment, before_image__title="Jawline before, patient 12")
    editor = django_user_model.objects.create_user("editor", password="x" * 12)
    editor.groups.add(Group.objects.get(name="Editors"))
    gallery_staff = django_user_model.objects.create_user("gallery", password="x" * 12)
    gallery_staff.groups.add(Group.objects.get(name="Gallery staff"))

    client.force_login(editor)
    editor_listing = client.get("/admin/images/").content.decode()
    editor_chooser = client.get("/admin/images/chooser/").content.decode()
    editor_upload = client.get("/admin/images/multiple/add/").content.decode()
    client.force_login(gallery_staff)
    staff_listing = client.get("/admin/images/").content.decode()

    item.before_image.refresh_from_db()
    assert item.before_image.collection.name == PATIENT_PHOTOS
    assert "Jawline before, patient 12" not in editor_listing
    assert "Jawline before, patient 12" not in editor_chooser
    assert PATIENT_PHOTOS not in editor_upload
    assert "Jawline before, patient 12" in staff_listing


def test_the_consent_chooser_shows_patient_references_only_to_who_may_see_them(
    client, treatment, django_user_model
):
    ConsentRecordFactory(patient_reference="PT-77777")
    items_only = django_user_model.objects.create_user("captions", password="x" * 12)
    items_only.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="gallery", codename__endswith="galleryitem"),
    )
    gallery_staff = django_user_model.objects.create_user("gallery", password="x" * 12)
    gallery_staff.groups.add(Group.objects.get(name="Gallery staff"))

    client.force_login(items_only)
    hidden = client.get("/admin/gallery_items/add/").content.decode()
    client.force_login(gallery_staff)
    shown = client.get("/admin/gallery_items/add/").content.decode()

    assert "PT-77777" not in hidden and "Consent #" in hidden
    assert "PT-77777" in shown
    assert GalleryItem.objects.count() == 0
