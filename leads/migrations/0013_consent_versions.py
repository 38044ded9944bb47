"""Consent wording kept as numbered, unchangeable versions edited in the admin (issue 15).

Version 1 is the wording the form showed until now: LEADS_CONSENT_TEXT from the environment if the
deployment set it, else the default it had. Leads that were shown exactly those words point at it;
every lead keeps its own copy of the words and of the old version label either way.
"""

import os

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# The settings default until this migration; a copy, as migrations must not change with the code.
PREVIOUS_DEFAULT_TEXT = (
    "I agree that the practice may store these details and use them to contact me about "
    "my consultation request, as described in the privacy notice."
)


def create_first_version(apps, schema_editor):
    ConsentVersion = apps.get_model("leads", "ConsentVersion")
    Lead = apps.get_model("leads", "Lead")
    text = os.environ.get("LEADS_CONSENT_TEXT") or PREVIOUS_DEFAULT_TEXT
    first, _ = ConsentVersion.objects.get_or_create(number=1, defaults={"text": text})
    Lead.objects.filter(consent_wording__isnull=True, consent_text=first.text).update(consent_wording=first)


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0012_audit_chain"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(editable=False, unique=True, verbose_name="version")),
                (
                    "text",
                    models.TextField(
                        help_text="Shown beside the box the patient ticks. Plain text; the form links the privacy notice.",
                        max_length=1000,
                        verbose_name="wording",
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        help_text="Empty for the first version, made by the migration, or a user deleted since.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "consent wording",
                "verbose_name_plural": "consent wording",
                "ordering": ["-number"],
                "default_permissions": ["add", "view"],
            },
        ),
        migrations.AddField(
            model_name="lead",
            name="consent_wording",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="leads.consentversion",
                verbose_name="consent version shown",
            ),
        ),
        migrations.RunPython(create_first_version, migrations.RunPython.noop),
    ]
