"""Database guards: no overlapping occurrences, no changes in approved weeks (werkloont/db.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from werkloont.db import installeer

    installeer(schema_editor.connection)


def backwards(apps, schema_editor):
    from werkloont.db import verwijder

    verwijder(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("werkloont", "0002_referentiedata")]
    operations = [migrations.RunPython(forwards, backwards)]
