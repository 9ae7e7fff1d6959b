from django.db import migrations


def forwards(apps, schema_editor):
    from instrumentenhuis.referentie import zaai

    zaai(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("instrumentenhuis", "0001_initial"),
        ("perspectief", "0002_referentiedata"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
