"""The access trail's hash chain (leads.audit_chain), and the kinds for listings and bulk actions.

Entries written before this migration are chained by the first seal after it, in the order they
were written (`manage.py verify_audit_trail` seals and checks them all).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0011_erasure_audit"),
    ]

    operations = [
        migrations.AddField(
            model_name="leadaccess",
            name="digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="leadaccess",
            name="sequence",
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="leadaccess",
            name="kind",
            field=models.CharField(
                choices=[
                    ("viewed", "Viewed a lead"),
                    ("listed", "Listed or searched leads"),
                    ("list_exported", "Exported the lead list"),
                    ("person_exported", "Exported a person's data"),
                    ("bulk_action", "Bulk action on leads"),
                    ("emailed", "Email sent about a lead"),
                    ("erased", "Erased personal data"),
                ],
                max_length=20,
            ),
        ),
    ]
