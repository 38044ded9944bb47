"""Gallery items become translatable, step 3 of 3: each has a language and a translation key, one copy
per language."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("gallery", "0004_galleryitem_source_language")]

    operations = [
        migrations.AlterField(
            model_name="galleryitem",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="galleryitem",
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
            name="galleryitem",
            unique_together={("translation_key", "locale")},
        ),
    ]
