"""Database-level append-only enforcement for the log tables (see bijstand/logboek/triggers.py).

PostgreSQL: trigger function + BEFORE UPDATE OR DELETE triggers; DELETE is allowed only inside a
transaction with ``SET LOCAL logboek.retentie = 'aan'`` (the retention command). SQLite:
equivalent RAISE(ABORT) triggers. Other vendors: nothing (the model layer still refuses).
TRUNCATE (operational wipe / restore) does not fire row triggers and is not blocked.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from bijstand.logboek.triggers import installeer

    installeer(schema_editor.connection)


def backwards(apps, schema_editor):
    from bijstand.logboek.triggers import verwijder

    verwijder(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("logboek", "0002_register")]
    operations = [migrations.RunPython(forwards, backwards)]
