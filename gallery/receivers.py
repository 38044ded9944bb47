"""Purge what the public sees whenever an admin saves or deletes a gallery item or consent record."""

from django.db.models.signals import post_delete, post_save

from practice.cache import purge_page_cache

from .models import ConsentRecord, GalleryItem
from .services import consent_changed
from .signals import gallery_changed


def _changed(sender, **kwargs):
    consent_changed()


def _purge_pages(sender, **kwargs):
    # Every page may show gallery items (treatment pages, the gallery index), so all go stale.
    purge_page_cache()


def connect():
    gallery_changed.connect(_purge_pages, dispatch_uid="gallery-purges-page-cache")
    for model in (ConsentRecord, GalleryItem):
        post_save.connect(_changed, sender=model, dispatch_uid=f"gallery-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"gallery-delete-{model.__name__}")
