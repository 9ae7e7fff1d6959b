"""Data migration: the "Functioneel beheer" group (created by accounts 0002) may maintain the
rules as data, the policy choices and the employers (payroll tokens) of the inkomen app."""

from django.db import migrations

from bijstand.accounts.permissions import geef_beheer_rechten, neem_beheer_rechten_af

PERMISSIES = (
    ("inkomen", "regelset", ("add", "change", "view")),
    ("inkomen", "beleidsinstelling", ("add", "change", "view")),
    ("inkomen", "werkgever", ("add", "change", "view")),
)


def forwards(apps, schema_editor):
    geef_beheer_rechten(apps, PERMISSIES)


def backwards(apps, schema_editor):
    neem_beheer_rechten_af(apps, PERMISSIES)


class Migration(migrations.Migration):
    dependencies = [
        ("inkomen", "0002_standaard_regels"),
        ("accounts", "0002_functioneel_beheer"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
