"""Data migration: the "Functioneel beheer" group (created by accounts 0002) maintains the
instrumentenhuis catalogue in the admin: providers and their contacts, instruments with their
leefgebieden and yearly budgets, and the minimum wage. Deleting is switched off in the admin
for rows that others refer to; inline rows (contacts, leefgebieden) may be removed."""

from django.db import migrations

from bijstand.accounts.permissions import geef_beheer_rechten, neem_beheer_rechten_af

PERMISSIES = (
    ("instrumentenhuis", "aanbieder", ("add", "change", "view")),
    ("instrumentenhuis", "aanbiedercontact", ("add", "change", "delete", "view")),
    ("instrumentenhuis", "instrument", ("add", "change", "view")),
    ("instrumentenhuis", "instrumentleefgebied", ("add", "change", "delete", "view")),
    ("instrumentenhuis", "instrumentjaar", ("add", "change", "view")),
    ("instrumentenhuis", "minimumloon", ("add", "change", "view")),
)


def forwards(apps, schema_editor):
    geef_beheer_rechten(apps, PERMISSIES)


def backwards(apps, schema_editor):
    neem_beheer_rechten_af(apps, PERMISSIES)


class Migration(migrations.Migration):
    dependencies = [
        ("instrumentenhuis", "0002_zaaiset"),
        ("accounts", "0002_functioneel_beheer"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
