"""Treatment categories become editor-managed (TreatmentCategory) instead of three fixed choices.

The treatments of each former choice (face, body, skin) keep their group: a category is made for
each choice in use and the pages, and their saved revisions (drafts, scheduled and earlier
versions), point at it, so publishing an old draft still finds a category.
"""

import django.db.models.deletion
from django.db import migrations, models

FORMER_CHOICES = [("face", "Face"), ("body", "Body"), ("skin", "Skin")]
MODERATORS = "Moderators"  # 0003_editors_and_moderators: they publish, so they shape the listings


def moderators_manage_categories(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is None:
        return
    # Django creates permissions after all migrations; on a fresh database they may not exist yet.
    content_type, _ = ContentType.objects.get_or_create(app_label="treatments", model="treatmentcategory")
    for action in ("add", "change", "delete"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_treatmentcategory",
            defaults={"name": f"Can {action} treatment category"},
        )
        moderators.permissions.add(permission)


def categories_from_choices(apps, schema_editor):
    TreatmentCategory = apps.get_model("treatments", "TreatmentCategory")
    TreatmentPage = apps.get_model("treatments", "TreatmentPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    content_type = ContentType.objects.filter(app_label="treatments", model="treatmentpage").first()
    revisions = Revision.objects.filter(content_type=content_type)
    used = {
        *TreatmentPage.objects.values_list("former_category", flat=True),
        *(revision.content.get("category") for revision in revisions.only("content").iterator()),
    }
    category_ids = {}
    for position, (value, name) in enumerate(FORMER_CHOICES, start=1):
        if value in used:
            category = TreatmentCategory.objects.create(name=name, slug=value, sort_order=position)
            category_ids[value] = category.pk
            TreatmentPage.objects.filter(former_category=value).update(category=category)
    for revision in revisions.iterator():
        revision.content["category"] = category_ids.get(revision.content.get("category"))
        Revision.objects.filter(pk=revision.pk).update(content=revision.content)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("treatments", "0004_clinical_review_and_practitioners"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="TreatmentCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("name", models.CharField(max_length=80, unique=True)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Used in the treatments index's links: ?category=<slug>.",
                        max_length=80,
                        unique=True,
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True,
                        help_text="One sentence shown under the category's heading.",
                        max_length=250,
                    ),
                ),
            ],
            options={
                "verbose_name": "treatment category",
                "verbose_name_plural": "treatment categories",
                "ordering": ["sort_order", "name"],
                "abstract": False,
            },
        ),
        migrations.RenameField(model_name="treatmentpage", old_name="category", new_name="former_category"),
        migrations.AddField(
            model_name="treatmentpage",
            name="category",
            field=models.ForeignKey(
                blank=True,
                help_text="The group the treatments index lists it in; without one, under “Other treatments”.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="treatments",
                to="treatments.treatmentcategory",
            ),
        ),
        migrations.RunPython(categories_from_choices, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(moderators_manage_categories, migrations.RunPython.noop),
        migrations.RemoveField(model_name="treatmentpage", name="former_category"),
    ]
