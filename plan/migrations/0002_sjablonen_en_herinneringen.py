"""Data migration: the daily reminder schedule (django_celery_beat), the beheer rights on the
plan templates, and one starting template per dienstverleningsroute (editable in the admin)."""

from django.db import migrations

from bijstand.accounts.permissions import geef_beheer_rechten
from bijstand.core.beat import plan_beat_taak, verwijder_beat_taak

TAAK = "plan.dagelijkse_herinneringen"
NAAM = "Dagelijkse herinneringen plan van aanpak"

PERMISSIES = (
    ("plan", "plansjabloon", ("add", "change", "delete", "view")),
    ("plan", "sjabloondoel", ("add", "change", "delete", "view")),
    ("plan", "sjabloonactie", ("add", "change", "delete", "view")),
    ("django_celery_beat", "periodictask", ("view", "change")),
    ("django_celery_beat", "crontabschedule", ("view", "change", "add")),
)

# (naam, route, omschrijving, [(titel, leefgebied code | None, uitstroom tekst,
#   [(actie, eigenaar, partner, dagen)])])
SJABLONEN = [
    (
        "Snel aan het werk",
        "kansrijk",
        "Lichte, digitale ondersteuning naar werk in een kansrijk beroep.",
        [
            (
                "Binnen drie maanden aan het werk",
                None,
                "Betaald werk in een kansrijk beroep",
                [
                    ("Cv bijwerken en in het werkprofiel zetten", "burger", "", 7),
                    ("Elke week op drie passende vacatures reageren", "burger", "", 14),
                    ("Werkprofiel zichtbaar maken voor werkgevers", "werkcoach", "", 7),
                ],
            ),
            (
                "Ontbrekend certificaat halen",
                "werk_opleiding",
                "",
                [("Scholing of certificaat aanvragen", "werkcoach", "", 14)],
            ),
        ],
    ),
    (
        "Intensief traject naar werk",
        "intensief",
        "Grotere afstand met haalbaar perspectief: een aantal dingen tegelijk aanpakken.",
        [
            (
                "Geldzaken op orde",
                "financien",
                "",
                [
                    ("Overzicht maken van schulden en vaste lasten", "burger", "", 14),
                    (
                        "Eerste gesprek schuldhulpverlening",
                        "partner",
                        "Schuldhulpverlening Rotterdam",
                        28,
                    ),
                ],
            ),
            (
                "Werkritme opbouwen",
                "werk_opleiding",
                "",
                [
                    ("Werkervaringsplaats of Werkloont-traject zoeken", "werkcoach", "", 21),
                    ("Twee dagdelen per week een werkactiviteit doen", "burger", "", 42),
                ],
            ),
            (
                "Binnen een jaar betaald werk",
                None,
                "Betaald werk in het gekozen beroep",
                [("Uitstroomperspectief bespreken en een beroep kiezen", "werkcoach", "", 14)],
            ),
        ],
    ),
    (
        "Perspectief ontdekken",
        "ontdekken",
        "Ontdekken wat iemand kan en wil, met een vaste dagbesteding als begin.",
        [
            (
                "Een vaste dagbesteding",
                "tijdsbesteding",
                "",
                [
                    (
                        "Passende activiteit uit het instrumentenhuis voorstellen",
                        "werkcoach",
                        "",
                        14,
                    ),
                    ("Kennismaken bij een activiteit in de wijk", "burger", "", 21),
                ],
            ),
            (
                "Meer contact met anderen",
                "sociaal_netwerk",
                "",
                [("Kennismakingsgesprek met het wijkteam", "partner", "Wijkteam", 28)],
            ),
        ],
    ),
    (
        "Meedoen naar vermogen",
        "geen_arbeid",
        "Iedereen doet mee: activering en ondersteuning zonder re-integratieverplichting.",
        [
            (
                "Meedoen in de wijk",
                "maatschappelijke_participatie",
                "",
                [
                    (
                        "Een activiteit kiezen: vrijwilligerswerk, mantelzorg of taalcursus",
                        "burger",
                        "",
                        28,
                    ),
                    ("Gesprek over ondersteuning plannen", "werkcoach", "", 60),
                ],
            ),
        ],
    ),
]


def maak_schema(apps, schema_editor):
    plan_beat_taak(
        apps,
        naam=NAAM,
        taak=TAAK,
        beschrijving=(
            "Meldt elke ochtend acties over de deadline aan de werkcoach en acties die binnen "
            "een week klaar moeten zijn aan de burger. Veilig om opnieuw te starten: elke "
            "herinnering gaat één keer per actie."
        ),
        minute="30",
        hour="6",
    )


def verwijder_schema(apps, schema_editor):
    verwijder_beat_taak(apps, NAAM)


def geef_rechten(apps, schema_editor):
    geef_beheer_rechten(apps, PERMISSIES)


def maak_sjablonen(apps, schema_editor):
    PlanSjabloon = apps.get_model("plan", "PlanSjabloon")
    SjabloonDoel = apps.get_model("plan", "SjabloonDoel")
    SjabloonActie = apps.get_model("plan", "SjabloonActie")
    Leefgebied = apps.get_model("perspectief", "Leefgebied")
    gebieden = {lg.code: lg for lg in Leefgebied.objects.all()}
    for naam, route, omschrijving, doelen in SJABLONEN:
        sjabloon, nieuw = PlanSjabloon.objects.get_or_create(
            naam=naam, defaults={"route": route, "omschrijving": omschrijving}
        )
        if not nieuw:
            continue
        for volgorde, (titel, code, uitstroom, acties) in enumerate(doelen, start=1):
            if code is not None and code not in gebieden:
                continue
            doel = SjabloonDoel.objects.create(
                sjabloon=sjabloon,
                titel=titel,
                soort="leefgebied" if code else "uitstroom",
                leefgebied=gebieden.get(code) if code else None,
                uitstroom_tekst=uitstroom,
                volgorde=volgorde,
            )
            for nr, (actie, eigenaar, partner, dagen) in enumerate(acties, start=1):
                SjabloonActie.objects.create(
                    doel=doel,
                    titel=actie,
                    eigenaar=eigenaar,
                    partner_naam=partner,
                    dagen_na_start=dagen,
                    volgorde=nr,
                )


def verwijder_sjablonen(apps, schema_editor):
    PlanSjabloon = apps.get_model("plan", "PlanSjabloon")
    PlanSjabloon.objects.filter(naam__in=[s[0] for s in SJABLONEN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0001_initial"),
        ("perspectief", "0002_referentiedata"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("accounts", "0002_functioneel_beheer"),
    ]

    operations = [
        migrations.RunPython(maak_schema, verwijder_schema),
        migrations.RunPython(geef_rechten, migrations.RunPython.noop),
        migrations.RunPython(maak_sjablonen, verwijder_sjablonen),
    ]
