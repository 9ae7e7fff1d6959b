"""Data migration: the standard rule sets (1-1-2025, 1-7-2025, 1-1-2026, 1-7-2026) and the
default policy (P1-P7), taken verbatim from inkomen.rekenregels.standaard (plain data).

The data is normalised through the pure dataclasses (van_dict -> als_dict), so what is stored is
exactly ``Regelset.als_dict()`` / ``Beleid.als_dict()``. Existing rows are left alone (a
beheerder may have edited them).
"""

from datetime import date

from django.db import migrations

from inkomen.rekenregels import Beleid, Regelset
from inkomen.rekenregels.standaard import STANDAARD_BELEID, STANDAARD_REGELSETS


def forwards(apps, schema_editor):
    RegelsetModel = apps.get_model("inkomen", "Regelset")
    BeleidModel = apps.get_model("inkomen", "Beleidsinstelling")
    for data in STANDAARD_REGELSETS:
        regelset = Regelset.van_dict(data)
        RegelsetModel.objects.get_or_create(
            geldig_vanaf=regelset.geldig_vanaf,
            defaults={"data": regelset.als_dict(), "toelichting": regelset.toelichting},
        )
    for data in STANDAARD_BELEID:
        beleid = Beleid.van_dict(data)
        BeleidModel.objects.get_or_create(
            geldig_vanaf=beleid.geldig_vanaf,
            defaults={"data": beleid.als_dict(), "toelichting": beleid.toelichting},
        )


def backwards(apps, schema_editor):
    apps.get_model("inkomen", "Regelset").objects.filter(
        geldig_vanaf__in=[date.fromisoformat(d["geldig_vanaf"]) for d in STANDAARD_REGELSETS]
    ).delete()
    apps.get_model("inkomen", "Beleidsinstelling").objects.filter(
        geldig_vanaf__in=[date.fromisoformat(d["geldig_vanaf"]) for d in STANDAARD_BELEID]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("inkomen", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
