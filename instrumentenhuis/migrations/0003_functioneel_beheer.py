"""Data migration: the "Functioneel beheer" group (created by accounts 0002) maintains the
instrumentenhuis catalogue in the admin: providers and their contacts, instruments with their
leefgebieden and yearly budgets, and the minimum wage. Deleting is switched off in the admin
for rows that others refer to; inline rows (contacts, leefgebieden) may be removed."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from bijstand.accounts.permissions import BEHEER_GROEP

PERMISSIES = (
    ("aanbieder", ("add", "change", "view")),
    ("aanbiedercontact", ("add", "change", "delete", "view")),
    ("instrument", ("add", "change", "view")),
    ("instrumentleefgebied", ("add", "change", "delete", "view")),
    ("instrumentjaar", ("add", "change", "view")),
    ("minimumloon", ("add", "change", "view")),
)


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("instrumentenhuis")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep, _ = Group.objects.get_or_create(name=BEHEER_GROEP)
    for model, acties in PERMISSIES:
        for actie in acties:
            groep.permissions.add(
                Permission.objects.get(
                    content_type__app_label="instrumentenhuis", codename=f"{actie}_{model}"
                )
            )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep = Group.objects.filter(name=BEHEER_GROEP).first()
    if groep is None:
        return
    codenames = [f"{a}_{m}" for m, acties in PERMISSIES for a in acties]
    groep.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="instrumentenhuis", codename__in=codenames
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("instrumentenhuis", "0002_zaaiset"),
        ("accounts", "0002_functioneel_beheer"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
