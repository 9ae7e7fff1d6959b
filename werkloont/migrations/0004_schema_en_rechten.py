"""The beat schedule of the weekly agenda check (django_celery_beat, editable in the admin) and
the rights of the functioneel beheerder on the hour norms and the catalogue.

The check runs on monday at 06:30 Europe/Amsterdam, before the werkcoaches start their week.
"""

from django.db import migrations

from bijstand.accounts.permissions import geef_beheer_rechten
from bijstand.core.beat import plan_beat_taak, verwijder_beat_taak

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
    plan_beat_taak(
        apps,
        naam=NAAM,
        taak=TAAK,
        beschrijving=(
            "Meldt agenda's met minder uren dan de norm of herhaald ongeoorloofd verzuim aan "
            "de werkcoach en rondt afgelopen Werkloont-trajecten af met een vervolgactie in "
            "het plan. Veilig om opnieuw te starten."
        ),
        minute="30",
        hour="6",
        day_of_week="1",
    )


def verwijder_schema(apps, schema_editor):
    verwijder_beat_taak(apps, NAAM)


def geef_rechten(apps, schema_editor):
    geef_beheer_rechten(apps, PERMISSIES)


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
