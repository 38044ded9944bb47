"""Purge what the public sees whenever an admin saves or deletes a gallery item or consent record;
delete the photos of a consent saved as revoked or ended; file an item's photos with patient photos."""

from django.db.models.signals import post_delete, post_save

from practice.cache import GALLERY, purge_page_cache

from .models import ConsentRecord, GalleryItem
from .services import consent_changed, erase_photos, file_patient_photos
from .signals import gallery_changed


def _changed(sender, **kwargs):
    consent_changed()


def _erase_photos_if_ended(sender, instance, **kwargs):
    if instance.has_ended():
        erase_photos([instance])


def _file_photos(sender, instance, **kwargs):
    file_patient_photos(instance)


def _purge_pages(sender, **kwargs):
    # Every stored page goes stale (treatment pages and the gallery index show items); of the render
    # memos, only the gallery's.
    purge_page_cache(GALLERY)


def connect():
    gallery_changed.connect(_purge_pages, dispatch_uid="gallery-purges-page-cache")
    for model in (ConsentRecord, GalleryItem):
        post_save.connect(_changed, sender=model, dispatch_uid=f"gallery-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"gallery-delete-{model.__name__}")
    post_save.connect(
        _erase_photos_if_ended, sender=ConsentRecord, dispatch_uid="gallery-erase-ended-consent"
    )
    post_save.connect(_file_photos, sender=GalleryItem, dispatch_uid="gallery-file-patient-photos")
