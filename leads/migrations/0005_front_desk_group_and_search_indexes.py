"""The "Front desk" group, and trigram indexes that keep the inbox search fast on PostgreSQL."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Front desk"
LEAD_PERMISSIONS = ["view_lead", "change_lead", "export_lead"]

# The admin search runs UPPER(column::text) LIKE '%word%' (Django's icontains) and phone::text LIKE;
# GIN trigram indexes on exactly those expressions turn it into an index scan.
SEARCH_INDEXES = {
    "leads_lead_first_name_trgm": 'UPPER("first_name"::text) gin_trgm_ops',
    "leads_lead_last_name_trgm": 'UPPER("last_name"::text) gin_trgm_ops',
    "leads_lead_email_trgm": 'UPPER("email"::text) gin_trgm_ops',
    "leads_lead_phone_trgm": '("phone"::text) gin_trgm_ops',
}


def create_front_desk_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    add_front_desk_group(apps)


def add_front_desk_group(apps):
    """Create the group with its permissions, which must exist already; idempotent."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    leads = Permission.objects.filter(content_type__app_label="leads", codename__in=LEAD_PERMISSIONS)
    # No page, image, document or snippet permission: the front desk works leads, not content.
    group.permissions.add(admin_access, *leads)


def remove_front_desk_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite (make run) scans; fine at demo sizes.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in SEARCH_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON leads_lead USING gin ({expression})")


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0004_timeline_and_admin_indexes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_front_desk_group, remove_front_desk_group),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
