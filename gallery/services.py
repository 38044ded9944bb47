"""What changes the gallery: consent lapsing or changing, and what follows from it."""

import logging

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.images import get_image_model
from wagtail.models import Collection

from .models import ConsentRecord, GalleryItem
from .signals import gallery_changed

logger = logging.getLogger(__name__)

# The collection patient photos are filed in; only groups given permissions on it see them
# (migration gallery/0002 creates it and the "Gallery staff" group).
PATIENT_PHOTOS = "Patient photos"


def consent_changed():
    """Tell listeners (the page cache) once the current transaction commits that the gallery changed."""
    transaction.on_commit(lambda: gallery_changed.send(sender=GalleryItem))


def patient_photos_collection():
    """The collection for patient photos, under the root; made again if someone deleted it."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PATIENT_PHOTOS).first()
    return existing or root.add_child(name=PATIENT_PHOTOS)


def file_patient_photos(item):
    """Move the item's photos into the patient photos collection, wherever they were uploaded."""
    image_ids = [pk for pk in (item.before_image_id, item.after_image_id) if pk]
    if not image_ids:
        return
    collection = patient_photos_collection()
    get_image_model().objects.filter(pk__in=image_ids).exclude(collection=collection).update(
        collection=collection
    )


def erase_photos(consents):
    """Delete the photos of every gallery item resting on `consents`, which ended: the image rows,
    their original files and every rendition's file (Wagtail deletes files once the transaction
    commits), and purge their URLs from the CDN. The items stay, unpublished, as a record.

    Returns the number of images deleted.
    """
    with transaction.atomic():
        items = GalleryItem.objects.filter(consent__in=consents)
        image_ids = photo_ids(items)
        if not image_ids:
            return 0
        # A photo that an item under a consent still in force also shows (a renewed consent, say)
        # stays: only its link to the ended consent goes.
        still_shown = photo_ids(
            GalleryItem.objects.exclude(consent__in=consents).filter(
                models.Q(before_image__in=image_ids) | models.Q(after_image__in=image_ids)
            )
        )
        pages = list({item.treatment for item in items.select_related("treatment")})
        images = list(
            get_image_model().objects.filter(pk__in=image_ids - still_shown).prefetch_related("renditions")
        )
        urls = [url for image in images for url in file_urls(image)]
        items.update(before_image=None, after_image=None, live=False)
        for image in images:
            image.delete()
        consent_changed()
        transaction.on_commit(lambda: purge_frontend_cache(urls, pages))
    logger.info("Deleted %d patient photo(s) whose consent ended", len(images))
    return len(images)


def photo_ids(items):
    """The ids of the before and after photos of `items`, a GalleryItem queryset."""
    return {pk for pair in items.values_list("before_image_id", "after_image_id") for pk in pair if pk}


def file_urls(image):
    """The URLs the original and every rendition of `image` are served at."""
    return [image.file.url, *(rendition.url for rendition in image.renditions.all())]


def purge_frontend_cache(urls, pages):
    """Purge a CDN in front of the site (WAGTAILFRONTENDCACHE), if one is configured, of the
    deleted files and of the pages that showed them."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch(urls)
    batch.add_pages(pages)
    batch.purge()


def expire_gallery_consents(*, today=None):
    """Unpublish every published item whose consent lapsed, was revoked or no longer covers the
    website, and delete the photos of every consent that lapsed or was revoked; return the items
    unpublished."""
    today = today or timezone.localdate()
    with transaction.atomic():
        items = list(GalleryItem.objects.expired(today).select_related("consent", "treatment"))
        if items:
            GalleryItem.objects.filter(pk__in=[item.pk for item in items]).update(live=False)
            consent_changed()
        erase_photos(ConsentRecord.objects.ended(today))
    return items
