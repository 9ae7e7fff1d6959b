"""The standard hour norms and the werkactiviteiten of the seeds (werkloont/referentie.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from werkloont.referentie import zaai

    zaai(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("werkloont", "0001_initial"),
        ("perspectief", "0002_referentiedata"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
