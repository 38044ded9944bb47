"""The source language's Locale is "en" (practice/settings/languages.py). Databases created while
LANGUAGE_CODE was "en-gb" hold an "en-gb" Locale that every page belongs to, which Wagtail no longer
finds among the content languages: rename it, so those pages stay English."""

from django.db import migrations

OLD_CODE, NEW_CODE = "en-gb", "en"


def rename_locale(apps, old_code, new_code):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code=new_code).exists():
        Locale.objects.filter(language_code=old_code).update(language_code=new_code)


def forwards(apps, schema_editor):
    rename_locale(apps, OLD_CODE, NEW_CODE)


def backwards(apps, schema_editor):
    rename_locale(apps, NEW_CODE, OLD_CODE)


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0002_policy_pages"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
