"""Patient photos in a collection of their own, which only the "Gallery staff" group may browse.

Wagtail's collection permissions reach every collection below the one they are given on, so the
image permissions groups held on the root collection move to a "Website images" collection beside
"Patient photos", with the images that were in the root. Photos used by gallery items move to
"Patient photos". Photos may now be deleted while their item stays, as a record (issue 15).
"""

import django.db.models.deletion
from django.db import migrations, models

PATIENT_PHOTOS = "Patient photos"
WEBSITE_IMAGES = "Website images"
GALLERY_STAFF = "Gallery staff"
IMAGE_ACTIONS = ["add", "change", "choose", "delete"]
GALLERY_MODELS = ["galleryitem", "consentrecord"]
STEP = 4  # treebeard's path step in Wagtail's collections
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def permission(apps, app_label, model, codename):
    # Django creates permissions after all migrations; on a fresh database they may not exist yet.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.removesuffix(f"_{model}").replace("_", " ")
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )
    return perm


def child_collection(Collection, root, name):
    """The root's child called `name`, created the way treebeard would (historical models have no
    add_child)."""
    children = Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path)
    existing = children.filter(name=name).first()
    if existing:
        return existing
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-STEP:], 36) + 1 if last else 1
    step = ""
    while len(step) < STEP:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    Collection.objects.filter(pk=root.pk).update(numchild=models.F("numchild") + 1)
    return Collection.objects.create(name=name, path=root.path + step, depth=root.depth + 1, numchild=0)


def file_patient_photos(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Image = apps.get_model("wagtailimages", "Image")
    GalleryItem = apps.get_model("gallery", "GalleryItem")

    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    patient_photos = child_collection(Collection, root, PATIENT_PHOTOS)
    website_images = child_collection(Collection, root, WEBSITE_IMAGES)

    image_permissions = GroupCollectionPermission.objects.filter(
        collection=root, permission__content_type__app_label="wagtailimages"
    )
    for granted in image_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group_id=granted.group_id, collection=website_images, permission_id=granted.permission_id
        )
    image_permissions.delete()

    photo_ids = {
        pk for pair in GalleryItem.objects.values_list("before_image", "after_image") for pk in pair if pk
    }
    Image.objects.filter(pk__in=photo_ids).update(collection=patient_photos)
    Image.objects.filter(collection=root).update(collection=website_images)

    staff, _ = Group.objects.get_or_create(name=GALLERY_STAFF)
    staff.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin"),
        *(
            permission(apps, "gallery", model, f"{action}_{model}")
            for model in GALLERY_MODELS
            for action in ("add", "change", "delete", "view")
        ),
    )
    for action in IMAGE_ACTIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=staff,
            collection=patient_photos,
            permission=permission(apps, "wagtailimages", "image", f"{action}_image"),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        # Editors and Moderators, whose root-collection image permissions move to "Website images".
        ("treatments", "0003_editors_and_moderators"),
    ]

    operations = [
        migrations.AlterField(
            model_name="galleryitem",
            name="after_image",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
            ),
        ),
        migrations.AlterField(
            model_name="galleryitem",
            name="before_image",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
            ),
        ),
        migrations.RunPython(file_patient_photos, migrations.RunPython.noop),
    ]
