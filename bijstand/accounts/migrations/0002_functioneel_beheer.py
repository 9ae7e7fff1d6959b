"""Data migration: the "Functioneel beheer" group with its model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from bijstand.accounts.permissions import BEHEER_GROEP, beheer_codenames


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); make sure the
    # ones we need exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep, _ = Group.objects.get_or_create(name=BEHEER_GROEP)
    for app_label, codename in beheer_codenames():
        perm = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        groep.permissions.add(perm)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=BEHEER_GROEP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dossiers", "0001_initial"),
        ("logboek", "0001_initial"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
