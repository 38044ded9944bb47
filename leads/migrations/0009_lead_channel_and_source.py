"""One generic click id instead of gclid/fbclid, and each lead's channel and source, stored.

Existing leads are named by the same rule new ones are (leads.attribution.lead_arrival), so the
report counts old and new leads alike. Plain ORM reads and bulk updates: SQLite and PostgreSQL.
"""

from django.db import migrations, models

import leads.attribution

BATCH = 1000


def name_existing_leads(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    batch = []
    for lead in Lead.objects.order_by("pk").iterator(chunk_size=BATCH):
        # Erased leads hold "redacted" here: still an ad click, as the report counted it before.
        if lead.gclid:
            lead.click_id_param, lead.click_id = "gclid", lead.gclid
        elif lead.fbclid:
            lead.click_id_param, lead.click_id = "fbclid", lead.fbclid
        arrival = leads.attribution.lead_arrival(
            landing_page=lead.landing_page,
            referrer=lead.referrer,
            utm_source=lead.utm_source,
            utm_medium=lead.utm_medium,
            click_id_param=lead.click_id_param,
            click_id=lead.click_id,
        )
        lead.channel, lead.source = arrival.channel, arrival.source
        batch.append(lead)
        if len(batch) == BATCH:
            Lead.objects.bulk_update(batch, ["click_id_param", "click_id", "channel", "source"])
            batch = []
    Lead.objects.bulk_update(batch, ["click_id_param", "click_id", "channel", "source"])


def restore_click_id_columns(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    for name in ("gclid", "fbclid"):
        Lead.objects.filter(click_id_param=name).update(**{name: models.F("click_id")})


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0008_portable_access_trail"),
    ]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="click_id_param",
            field=models.CharField(blank=True, max_length=20, verbose_name="click id parameter"),
        ),
        migrations.AddField(
            model_name="lead",
            name="click_id",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="lead",
            name="channel",
            field=models.CharField(
                choices=[
                    ("paid", "Paid ads"),
                    ("organic", "Search engine"),
                    ("social", "Social network"),
                    ("email", "Email"),
                    ("referral", "Another website"),
                    ("campaign", "Other campaign"),
                    ("direct", "Direct"),
                ],
                db_index=True,
                default="direct",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="lead",
            name="source",
            field=models.CharField(blank=True, db_index=True, max_length=100),
        ),
        migrations.RunPython(name_existing_leads, restore_click_id_columns, elidable=False),
        migrations.RemoveField(model_name="lead", name="gclid"),
        migrations.RemoveField(model_name="lead", name="fbclid"),
    ]
