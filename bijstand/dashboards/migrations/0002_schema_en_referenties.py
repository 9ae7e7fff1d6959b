"""Nightly build of the dashboard figures (django_celery_beat), the targets and baselines of the
policy (domain README) as data, and the functioneel beheerder's rights to edit them.

The build runs at 02:30 Europe/Amsterdam, after the day's work and before the morning; the
beheerder changes the time in the admin (Periodic tasks). The trajectory 37,500 -> 30,000 gets
the dates of a four-year term from 2026; the beheerder sets the real dates. The pre-automation
numbers of terugvorderingen are not known here: the beheerder enters them (the page says so).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

from bijstand.accounts.permissions import geef_beheer_rechten
from bijstand.core.beat import plan_beat_taak, verwijder_beat_taak

TAAK = "dashboards.bouw_snapshot"
NAAM = "Cijfers managementdashboards (elke nacht)"

BRON = "Beleidsbrief Rotterdam (seeds), samengevat in domain/README.md"
REFERENTIES = [
    ("draaideur", Decimal("20"), "Ongeveer 20 % is binnen een jaar na werk terug. " + BRON),
    ("langdurig", Decimal("46"), "46 % langer dan 5 jaar in de bijstand (2018). " + BRON),
    ("werkloont_werk", Decimal("36"), "Werkloont: 36 % naar betaald werk. " + BRON),
    ("reductie_vorderingen", Decimal("80"), "Doel: 80 % minder terugvorderingen. " + BRON),
]


def maak_schema(apps, schema_editor):
    plan_beat_taak(
        apps,
        naam=NAAM,
        taak=TAAK,
        beschrijving=(
            "Berekent elke nacht de cijfers van de managementdashboards opnieuw. "
            "Veilig om opnieuw te starten: de cijfers van dezelfde dag worden vervangen."
        ),
        minute="30",
        hour="2",
    )


def verwijder_schema(apps, schema_editor):
    verwijder_beat_taak(apps, NAAM)


def maak_referenties(apps, schema_editor):
    Referentiewaarde = apps.get_model("dashboards", "Referentiewaarde")
    Doeltraject = apps.get_model("dashboards", "Doeltraject")
    for code, waarde, bron in REFERENTIES:
        Referentiewaarde.objects.get_or_create(
            code=code, geldig_vanaf=date(2018, 1, 1), defaults={"waarde": waarde, "bron": bron}
        )
    if not Doeltraject.objects.exists():
        Doeltraject.objects.create(
            naam="Van 37.500 naar 30.000 mensen in de bijstand",
            startdatum=date(2026, 1, 1),
            startwaarde=37_500,
            einddatum=date(2030, 1, 1),
            eindwaarde=30_000,
            geldig_vanaf=date(2018, 1, 1),
            toelichting=(
                "Ambitie uit de beleidsbrief. Pas de data aan de collegeperiode aan; "
                "het doel loopt in een rechte lijn van de start naar het einde."
            ),
        )


PERMISSIES = (
    ("dashboards", "doeltraject", ("view", "add", "change")),
    ("dashboards", "referentiewaarde", ("view", "add", "change")),
    ("dashboards", "peildag", ("view",)),
)


def geef_rechten(apps, schema_editor):
    geef_beheer_rechten(apps, PERMISSIES)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("accounts", "0002_functioneel_beheer"),
    ]

    operations = [
        migrations.RunPython(maak_schema, verwijder_schema),
        migrations.RunPython(maak_referenties, migrations.RunPython.noop),
        migrations.RunPython(geef_rechten, migrations.RunPython.noop),
    ]
