"""The dashboard's counts of past days (OpenLeads), written with each day's summary: the days
summarised before have none, so every day is marked stale, read live until the worker counts it
again (a summary being counted meanwhile is not kept, its version having moved on)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F


def mark_every_day_stale(apps, schema_editor):
    apps.get_model("frontdesk", "LeadDay").objects.update(stale=True, version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("frontdesk", "0002_daily_summary"),
    ]

    operations = [
        migrations.CreateModel(
            name="OpenLeads",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("clinic_id", models.PositiveIntegerField(null=True)),
                ("status", models.CharField(max_length=20)),
                ("follow_up_on", models.DateField(null=True)),
                ("leads", models.PositiveIntegerField()),
                (
                    "summary",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="open_leads",
                        to="frontdesk.leadday",
                    ),
                ),
            ],
            options={
                "default_permissions": [],
                "indexes": [
                    models.Index(fields=["status"], name="frontdesk_openleads_status"),
                    models.Index(fields=["follow_up_on"], name="frontdesk_openleads_follow_up"),
                ],
            },
        ),
        migrations.RunPython(mark_every_day_stale, migrations.RunPython.noop),
    ]
