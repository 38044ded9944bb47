import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_with_location(orientation=1):
    """A JPEG as a phone writes it: camera make and GPS coordinates in its EXIF."""
    picture = PILImage.new("RGB", (64, 32), (200, 120, 90))
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 40.0)}
    output = io.BytesIO()
    picture.save(output, "JPEG", exif=exif)
    return output.getvalue()


def exif_of(data):
    with PILImage.open(io.BytesIO(data)) as picture:
        return dict(picture.getexif()), picture.size


def upload(data):
    return Image.objects.create(title="Before", file=SimpleUploadedFile("before.jpg", data))


def test_the_test_photo_really_carries_gps():
    exif, _ = exif_of(photo_with_location())

    assert GPS_IFD in exif


def test_uploaded_original_is_stored_without_exif_or_gps():
    image = upload(photo_with_location())

    with image.open_file() as stored:
        data = stored.read()
    exif, _ = exif_of(data)
    assert exif == {}
    assert image.file_size == len(data)


def test_renditions_served_carry_no_exif():
    image = upload(photo_with_location())

    for spec in ("width-40|format-jpeg", "width-40|format-avif"):
        rendition = image.get_rendition(spec)
        with rendition.file.open() as served:
            exif, _ = exif_of(served.read())
        assert exif == {}, spec


def test_a_rotated_phone_photo_is_turned_upright_before_its_exif_goes():
    image = upload(photo_with_location(orientation=6))  # 90 degrees, as a portrait phone photo

    assert (image.width, image.height) == (32, 64)


def test_only_staff_with_consent_permissions_see_consent_records(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x" * 12)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(Group.objects.get(name="Editors"))
    gallery_manager = django_user_model.objects.create_user("gallery", password="x" * 12)
    gallery_manager.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="gallery", codename__endswith="consentrecord"),
    )

    client.force_login(editor)
    refused = client.get("/admin/consent_records/")
    client.force_login(gallery_manager)
    allowed = client.get("/admin/consent_records/")

    assert refused.status_code in (302, 403)
    assert allowed.status_code == 200
