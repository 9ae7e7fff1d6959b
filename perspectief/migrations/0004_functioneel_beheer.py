"""Data migration: the "Functioneel beheer" group (created by accounts 0002) maintains the
shared categorisation: occupations (add, change), leefgebied labels and treden (change)."""

from django.db import migrations

from bijstand.accounts.permissions import geef_beheer_rechten, neem_beheer_rechten_af

PERMISSIES = (
    ("perspectief", "beroep", ("add", "change", "view")),
    ("perspectief", "leefgebied", ("change", "view")),
    ("perspectief", "trede", ("change", "view")),
)


def forwards(apps, schema_editor):
    geef_beheer_rechten(apps, PERMISSIES)


def backwards(apps, schema_editor):
    neem_beheer_rechten_af(apps, PERMISSIES)


class Migration(migrations.Migration):
    dependencies = [
        ("perspectief", "0003_doelen_routebesluit_beroepbron"),
        ("accounts", "0002_functioneel_beheer"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
