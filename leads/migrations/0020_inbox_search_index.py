"""One trigram index over the four fields the inbox searches, in place of one per field (0005): a
search word is looked up in one index rather than four, and its share estimated on one expression
(the matches of "james smith" among a million leads: 11 ms against 88). It indexes exactly the
expression `frontdesk.filters.searched_text` generates."""

from django.db import migrations

INDEX = "leads_lead_searched_text_trgm"
EXPRESSION = (
    """UPPER(("first_name" || ' ' || "last_name" || ' ' || "email" || ' ' || "phone")::text) gin_trgm_ops"""
)
PER_FIELD = {
    "leads_lead_first_name_trgm": 'UPPER("first_name"::text) gin_trgm_ops',
    "leads_lead_last_name_trgm": 'UPPER("last_name"::text) gin_trgm_ops',
    "leads_lead_email_trgm": 'UPPER("email"::text) gin_trgm_ops',
    "leads_lead_phone_trgm": '("phone"::text) gin_trgm_ops',
}


def create_index(name, expression):
    return f"CREATE INDEX IF NOT EXISTS {name} ON leads_lead USING gin ({expression})"


def one_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite (make run) scans; fine at demo sizes.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(create_index(INDEX, EXPRESSION))
    for name in PER_FIELD:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def per_field_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in PER_FIELD.items():
        schema_editor.execute(create_index(name, expression))
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("leads", "0019_lead_language_index")]

    operations = [migrations.RunPython(one_index, per_field_indexes)]
