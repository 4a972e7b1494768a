"""Trigram indexes for the HR desk's name-or-number search (a substring search), on PostgreSQL only."""
from django.db import migrations

# Django's icontains on PostgreSQL compares UPPER("column"::text); the index is built on exactly that expression.
COLUMNS = ("holder_name_th", "holder_name_en", "number")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS certificate_{column}_trgm ON certificates_certificate '
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS certificate_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("certificates", "0002_desk_indexes")]
    operations = [migrations.RunPython(create, drop)]
