"""The beat schedule of the monthly payment run (django_celery_beat, editable in the admin).

Day of month from ``settings.INKOMEN_BETAALDAG`` (default 25, Rotterdam pays around the 25th);
the run starts at 06:00 Europe/Amsterdam so the file reaches the bank the same morning.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

from bijstand.accounts.permissions import BEHEER_GROEP

TAAK = "inkomen.maandelijkse_betaalrun"
NAAM = "Maandelijkse betaalrun (inkomen)"


def maak_schema(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    dag = str(getattr(settings, "INKOMEN_BETAALDAG", 25))
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="6",
        day_of_month=dag,
        month_of_year="*",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name=NAAM,
        defaults={
            "task": TAAK,
            "crontab": crontab,
            "enabled": True,
            "description": (
                "Betaalt elke maand alle lopende uitkeringen en maakt het SEPA-betaalbestand "
                "(pain.001). Wijzig de dag hier; de run is veilig om opnieuw te starten."
            ),
        },
    )


# The functioneel beheerder sees the runs (read-only admin) and edits the schedule.
PERMISSIES = (
    ("inkomen", "betaalrun", ("view",)),
    ("inkomen", "betaalrunwijziging", ("view",)),
    ("django_celery_beat", "periodictask", ("view", "change")),
    ("django_celery_beat", "crontabschedule", ("view", "change", "add")),
)


def geef_rechten(apps, schema_editor):
    for label in ("inkomen", "django_celery_beat"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep, _ = Group.objects.get_or_create(name=BEHEER_GROEP)
    for app_label, model, acties in PERMISSIES:
        for actie in acties:
            groep.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{actie}_{model}"
                )
            )


def verwijder_schema(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAAM).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inkomen", "0004_betaalrun"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("accounts", "0002_functioneel_beheer"),
    ]

    operations = [
        migrations.RunPython(maak_schema, verwijder_schema),
        migrations.RunPython(geef_rechten, migrations.RunPython.noop),
    ]
