"""Treatment categories become translatable, step 3 of 3: every category has a language and a
translation key, one copy per language, and a name and slug unique in each language."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("treatments", "0008_treatment_category_source_language")]

    operations = [
        migrations.AlterField(
            model_name="treatmentcategory",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="treatmentcategory",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="treatmentcategory",
            unique_together={("translation_key", "locale"), ("locale", "name"), ("locale", "slug")},
        ),
    ]
