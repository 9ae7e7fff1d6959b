from django.db import migrations


def forwards(apps, schema_editor):
    from bijstand.logboek.register import zorg_voor_register

    zorg_voor_register(apps.get_model("logboek", "Verwerkingsactiviteit"))


class Migration(migrations.Migration):
    dependencies = [("logboek", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
