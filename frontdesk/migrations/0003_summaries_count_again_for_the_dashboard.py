"""The daily summary now also holds each day's leads by status and the open ones' follow-up dates,
which the dashboard reads: the summaries written before have neither, so every day is marked stale
and read live until the worker counts it again (a summary being counted meanwhile is not kept)."""

from django.db import migrations
from django.db.models import F


def mark_every_day_stale(apps, schema_editor):
    apps.get_model("frontdesk", "LeadDay").objects.update(stale=True, version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [("frontdesk", "0002_daily_summary")]

    operations = [migrations.RunPython(mark_every_day_stale, migrations.RunPython.noop)]
