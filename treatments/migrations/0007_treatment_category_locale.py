"""Treatment categories become translatable, step 1 of 3: a language and a translation key, empty
for now; names and slugs stop being unique across the whole table (each language has its own)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0006_treatment_category_article_tags"),
        # The source language's Locale is "en" from here on.
        ("practice", "0003_default_locale_en"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="treatmentcategory",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="treatmentcategory",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="treatmentcategory",
            name="name",
            field=models.CharField(max_length=80),
        ),
        migrations.AlterField(
            model_name="treatmentcategory",
            name="slug",
            field=models.SlugField(
                help_text="Used in the treatments index's links: ?category=<slug>.", max_length=80
            ),
        ),
    ]
