"""What changes the gallery: consent lapsing or changing, and what follows from it."""

from django.db import transaction
from django.utils import timezone

from .models import GalleryItem
from .signals import gallery_changed


def consent_changed():
    """Tell listeners (the page cache) once the current transaction commits that the gallery changed."""
    transaction.on_commit(lambda: gallery_changed.send(sender=GalleryItem))


def expire_gallery_consents(*, today=None):
    """Unpublish every published item whose consent lapsed or was revoked; return what was unpublished."""
    today = today or timezone.localdate()
    with transaction.atomic():
        items = list(GalleryItem.objects.expired(today).select_related("consent", "treatment"))
        if items:
            GalleryItem.objects.filter(pk__in=[item.pk for item in items]).update(live=False)
            consent_changed()
    return items
