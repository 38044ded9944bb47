"""Treatment categories become translatable, step 2 of 3: every existing category is written in the
source language, each with a translation key of its own. A migration of its own: PostgreSQL will
not alter a table in the transaction that just updated its rows' foreign keys."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("treatments", "0007_treatment_category_locale")]

    operations = [BootstrapTranslatableModel("treatments.TreatmentCategory")]
