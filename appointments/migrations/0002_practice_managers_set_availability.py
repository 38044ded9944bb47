"""Practice managers set each clinic's consultation times (the admin's Settings → Consultation times)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Practice managers"
CODENAMES = [
    "add_consultationavailability",
    "change_consultationavailability",
    "delete_consultationavailability",
    "view_consultationavailability",
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure these exist now.
    app_config = apps.get_app_config("appointments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="appointments", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="appointments", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_availability_and_appointments"),
        ("staff", "0003_clinic_membership"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
