"""Each lead records the language it was sent in, and each consent wording the language it is in
(issue 20). Leads and wording from before were all English, the site's default language."""

from django.db import migrations, models

import leads.languages


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0017_appointment_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="consentversion",
            name="language",
            field=models.CharField(
                choices=leads.languages.language_choices,
                default="en",
                help_text="The language of the patients who are shown this wording.",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="lead",
            name="language",
            field=models.CharField(choices=leads.languages.language_choices, default="en", max_length=12),
        ),
    ]
