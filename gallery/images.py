"""Strip camera metadata (EXIF, GPS, XMP) from every uploaded image before it is stored.

Wagtail's renditions copy the original's EXIF block into every resized file, so metadata must go
from the original itself: a patient photo taken on a phone carries where it was taken.
"""

import io

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

# Formats Pillow writes without loss of what matters; others are stored as uploaded.
_SAVE_OPTIONS = {
    "JPEG": {"quality": 92},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 92},
}
_METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")


def strip_metadata(data: bytes) -> bytes | None:
    """The image re-encoded without metadata, turned upright first; None when there is nothing to strip."""
    with PILImage.open(io.BytesIO(data)) as picture:
        format_name = picture.format
        has_metadata = any(key in picture.info for key in _METADATA_KEYS) or bool(picture.getexif())
        if format_name not in _SAVE_OPTIONS or not has_metadata:
            return None
        options = dict(_SAVE_OPTIONS[format_name])
        upright = ImageOps.exif_transpose(picture)
        if icc := picture.info.get("icc_profile"):
            options["icc_profile"] = icc
        upright.info.pop("exif", None)
        output = io.BytesIO()
        upright.save(output, format_name, exif=b"", **options)
    return output.getvalue()


def _strip_on_upload(sender, instance, **kwargs):
    file = instance.file
    if not file or getattr(file, "_committed", True):
        return  # nothing new was uploaded
    file.seek(0)
    stripped = strip_metadata(file.read())
    file.seek(0)
    if stripped is None:
        return
    instance.file = ContentFile(stripped, name=file.name)
    instance.file_size = len(stripped)
    instance.file_hash = hash_filelike(io.BytesIO(stripped))


def connect():
    pre_save.connect(_strip_on_upload, sender=get_image_model(), dispatch_uid="gallery-strip-image-metadata")
