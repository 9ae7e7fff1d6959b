"""The beat schedule of the monthly payment run (django_celery_beat, editable in the admin).

Day of month from ``settings.INKOMEN_BETAALDAG`` (default 25, Rotterdam pays around the 25th);
the run starts at 06:00 Europe/Amsterdam so the file reaches the bank the same morning.
"""

from django.conf import settings
from django.db import migrations

from bijstand.accounts.permissions import geef_beheer_rechten
from bijstand.core.beat import plan_beat_taak, verwijder_beat_taak

TAAK = "inkomen.maandelijkse_betaalrun"
NAAM = "Maandelijkse betaalrun (inkomen)"


def maak_schema(apps, schema_editor):
    dag = str(getattr(settings, "INKOMEN_BETAALDAG", 25))
    plan_beat_taak(
        apps,
        naam=NAAM,
        taak=TAAK,
        beschrijving=(
            "Betaalt elke maand alle lopende uitkeringen en maakt het SEPA-betaalbestand "
            "(pain.001). Wijzig de dag hier; de run is veilig om opnieuw te starten."
        ),
        minute="0",
        hour="6",
        day_of_month=dag,
    )


# The functioneel beheerder sees the runs (read-only admin) and edits the schedule.
PERMISSIES = (
    ("inkomen", "betaalrun", ("view",)),
    ("inkomen", "betaalrunwijziging", ("view",)),
    ("django_celery_beat", "periodictask", ("view", "change")),
    ("django_celery_beat", "crontabschedule", ("view", "change", "add")),
)


def geef_rechten(apps, schema_editor):
    geef_beheer_rechten(apps, PERMISSIES)


def verwijder_schema(apps, schema_editor):
    verwijder_beat_taak(apps, NAAM)


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
