"""Data migration: the "Functioneel beheer" group (created by accounts 0002) maintains the
shared categorisation: occupations (add, change), leefgebied labels and treden (change)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from bijstand.accounts.permissions import BEHEER_GROEP

PERMISSIES = (
    ("beroep", ("add", "change", "view")),
    ("leefgebied", ("change", "view")),
    ("trede", ("change", "view")),
)


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("perspectief")
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
                    content_type__app_label="perspectief", codename=f"{actie}_{model}"
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
        *Permission.objects.filter(content_type__app_label="perspectief", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("perspectief", "0003_doelen_routebesluit_beroepbron"),
        ("accounts", "0002_functioneel_beheer"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
