"""Data migration: policy choice P8 (part month, art. 45 lid 3 PW) stored explicitly.

Every existing ``Beleidsinstelling.data`` without ``p8_deelmaand`` gets the default
``"kalenderdagen"`` (``levensloop.md`` §3, [U]). ``Beleid.van_dict`` would supply the same
default for a missing key, but the stored policy should say what it applies, so a functioneel
beheerder sees (and can change) the choice. Rows that already hold a value are left alone.
Backwards removes the key again (the older code refuses an unknown policy key).
"""

from django.db import migrations

SLEUTEL = "p8_deelmaand"
STANDAARD = "kalenderdagen"


def forwards(apps, schema_editor):
    Beleidsinstelling = apps.get_model("inkomen", "Beleidsinstelling")
    for rij in Beleidsinstelling.objects.all():
        if not isinstance(rij.data, dict):
            continue  # not a policy dict: Beleid.van_dict reports it, not this migration
        data = dict(rij.data)
        if SLEUTEL not in data:
            data[SLEUTEL] = STANDAARD
            Beleidsinstelling.objects.filter(pk=rij.pk).update(data=data)


def backwards(apps, schema_editor):
    Beleidsinstelling = apps.get_model("inkomen", "Beleidsinstelling")
    for rij in Beleidsinstelling.objects.all():
        if isinstance(rij.data, dict) and SLEUTEL in rij.data:
            data = dict(rij.data)
            data.pop(SLEUTEL)
            Beleidsinstelling.objects.filter(pk=rij.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [("inkomen", "0007_einde_dossier_en_uitkering")]
    operations = [migrations.RunPython(forwards, backwards)]
