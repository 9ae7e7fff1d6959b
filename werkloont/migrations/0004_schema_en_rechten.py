"""The beat schedule of the weekly agenda check (django_celery_beat, editable in the admin) and
the rights of the functioneel beheerder on the hour norms and the catalogue.

The check runs on monday at 06:30 Europe/Amsterdam, before the werkcoaches start their week.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from bijstand.accounts.permissions import BEHEER_GROEP

TAAK = "werkloont.wekelijkse_controle"
NAAM = "Wekelijkse controle werkweekagenda's (werkloont)"

PERMISSIES = (
    ("werkloont", "urennorm", ("add", "change", "view")),
    ("werkloont", "locatie", ("add", "change", "view")),
    ("werkloont", "begeleider", ("add", "change", "view")),
    ("werkloont", "werkactiviteit", ("add", "change", "view")),
    ("werkloont", "werkactiviteitplek", ("add", "change", "delete", "view")),
    ("werkloont", "trainingsgroep", ("add", "change", "view")),
    ("werkloont", "groepsmoment", ("add", "change", "delete", "view")),
)


def maak_schema(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="6",
        day_of_month="*",
        month_of_year="*",
        day_of_week="1",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name=NAAM,
        defaults={
            "task": TAAK,
            "crontab": crontab,
            "enabled": True,
            "description": (
                "Meldt agenda's met minder uren dan de norm of herhaald ongeoorloofd verzuim aan "
                "de werkcoach en rondt afgelopen Werkloont-trajecten af met een vervolgactie in "
                "het plan. Veilig om opnieuw te starten."
            ),
        },
    )


def verwijder_schema(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAAM).delete()


def geef_rechten(apps, schema_editor):
    app_config = apps.get_app_config("werkloont")
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


class Migration(migrations.Migration):
    dependencies = [
        ("werkloont", "0003_databasebewaking"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("accounts", "0002_functioneel_beheer"),
    ]
    operations = [
        migrations.RunPython(maak_schema, verwijder_schema),
        migrations.RunPython(geef_rechten, migrations.RunPython.noop),
    ]
