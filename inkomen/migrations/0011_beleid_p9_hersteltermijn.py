"""Data migration: policy choice P9 (the hersteltermijn of an opschorting, art. 54 lid 2 PW)
stored explicitly, as 0008 did for P8.

Every existing ``Beleidsinstelling.data`` without the keys gets the defaults (14 days proposed,
28 at most, [U], ADR 0009), so a functioneel beheerder sees and can change them. Rows that
already hold a value are left alone. Backwards removes the keys again.
"""

from django.db import migrations

STANDAARD = {"p9_hersteltermijn_dagen": 14, "p9_hersteltermijn_max_dagen": 28}


def forwards(apps, schema_editor):
    Beleidsinstelling = apps.get_model("inkomen", "Beleidsinstelling")
    for rij in Beleidsinstelling.objects.all():
        if not isinstance(rij.data, dict):
            continue  # not a policy dict: Beleid.van_dict reports it, not this migration
        ontbreekt = {k: v for k, v in STANDAARD.items() if k not in rij.data}
        if ontbreekt:
            Beleidsinstelling.objects.filter(pk=rij.pk).update(data={**rij.data, **ontbreekt})


def backwards(apps, schema_editor):
    Beleidsinstelling = apps.get_model("inkomen", "Beleidsinstelling")
    for rij in Beleidsinstelling.objects.all():
        if isinstance(rij.data, dict) and set(STANDAARD) & set(rij.data):
            data = {k: v for k, v in rij.data.items() if k not in STANDAARD}
            Beleidsinstelling.objects.filter(pk=rij.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [("inkomen", "0010_duurzame_herberekening_en_perioden")]
    operations = [migrations.RunPython(forwards, backwards)]
