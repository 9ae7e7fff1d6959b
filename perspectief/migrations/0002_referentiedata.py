from django.db import migrations


def forwards(apps, schema_editor):
    from perspectief.referentie import zaai

    zaai(apps)


class Migration(migrations.Migration):
    dependencies = [("perspectief", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
