"""The leads an access entry is about move from a PostgreSQL array to a table, so the trail works on SQLite.

Existing entries are copied first (PostgreSQL only: on SQLite the array could never be written,
so there is nothing valid to copy), then the array column and its GIN index are dropped.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_lead_ids(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    access = apps.get_model("leads", "LeadAccess")
    access_lead = apps.get_model("leads", "LeadAccessLead")
    rows = (
        access_lead(access_id=entry_id, lead_id=lead_id)
        for entry_id, lead_ids in access.objects.values_list("id", "lead_ids").iterator(chunk_size=2000)
        for lead_id in sorted(set(lead_ids or ()))
    )
    access_lead.objects.using(schema_editor.connection.alias).bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0007_lead_access_audit_trail"),
    ]

    operations = [
        migrations.CreateModel(
            name="LeadAccessLead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("lead_id", models.PositiveBigIntegerField(db_index=True, verbose_name="lead number")),
                (
                    "access",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="leads",
                        to="leads.leadaccess",
                    ),
                ),
            ],
            options={
                "verbose_name": "lead in an access entry",
                "verbose_name_plural": "leads in access entries",
                "default_permissions": [],
                "constraints": [
                    models.UniqueConstraint(fields=("access", "lead_id"), name="leads_access_lead_once")
                ],
            },
        ),
        migrations.RunPython(copy_lead_ids, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="leadaccess", name="leads_access_lead_ids_idx"),
        migrations.RemoveField(model_name="leadaccess", name="lead_ids"),
    ]
