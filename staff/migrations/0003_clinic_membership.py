"""Clinic teams: which clinics a staff member works at, and the "Practice managers" group, who see
every clinic's leads."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "Practice managers"
# What the front desk may do, plus every clinic's leads and erasure on request.
PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "leads": ["view_lead", "change_lead", "export_lead", "delete_lead"],
    "staff": ["see_every_clinic"],
}


def create_managers_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def remove_managers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0001_initial"),
        ("leads", "0005_front_desk_group_and_search_indexes"),
        ("staff", "0002_passkey_events"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClinicMembership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "clinic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="clinics.clinicpage",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="clinic_memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["clinic__title", "user__username"],
                "permissions": [("see_every_clinic", "Can see the leads of every clinic")],
                "constraints": [
                    models.UniqueConstraint(fields=("user", "clinic"), name="staff_one_membership_per_clinic")
                ],
            },
        ),
        migrations.RunPython(create_managers_group, remove_managers_group),
    ]
