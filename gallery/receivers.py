"""Purge what the public sees whenever an admin saves or deletes a gallery item or consent record."""

from django.db.models.signals import post_delete, post_save

from .models import ConsentRecord, GalleryItem
from .services import consent_changed


def _changed(sender, **kwargs):
    consent_changed()


def connect():
    for model in (ConsentRecord, GalleryItem):
        post_save.connect(_changed, sender=model, dispatch_uid=f"gallery-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"gallery-delete-{model.__name__}")
