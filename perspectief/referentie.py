"""Reference data of the shared categorisation (seeded by migration, restored after a flush).

ZRM 2017 domains and plain labels and the participatieladder: domain/perspectief-en-instrumenten
§1-2. Occupations: a curated fixture of low-skilled occupations with the best chances in the
Rijnmond region (§3; UWV and press sources 2017-2023); a beheerder edits them, and
``manage.py importeer_beroepen`` loads the full CBS/ESCO files.
"""

from __future__ import annotations

import datetime

# (code, nummer, professional name, citizen label, confidential)
LEEFGEBIEDEN = [
    ("financien", 1, "Financiën", "Geldzaken", False),
    ("werk_opleiding", 2, "Werk & Opleiding", "Werk en opleiding", False),
    ("tijdsbesteding", 3, "Tijdsbesteding", "Tijdsbesteding", False),
    ("huisvesting", 4, "Huisvesting", "Woning", False),
    ("huiselijke_relaties", 5, "Huiselijke relaties", "Relaties thuis", False),
    ("geestelijke_gezondheid", 6, "Geestelijke gezondheid", "Geestelijke gezondheid", True),
    ("lichamelijke_gezondheid", 7, "Lichamelijke gezondheid", "Lichamelijke gezondheid", True),
    ("middelengebruik", 8, "Middelengebruik", "Verslaving", True),
    ("basale_adl", 9, "Basale ADL", "Zelfzorg", False),
    ("instrumentele_adl", 10, "Instrumentele ADL", "Dagelijkse activiteiten", False),
    ("sociaal_netwerk", 11, "Sociaal netwerk", "Sociaal netwerk", False),
    (
        "maatschappelijke_participatie",
        12,
        "Maatschappelijke participatie",
        "Inzet voor de maatschappij",
        False,
    ),
    ("justitie", 13, "Justitie", "Justitie", True),
]

TREDEN = [
    (1, "Geïsoleerd", "Weinig of geen sociale contacten, geen deelname."),
    (2, "Sociale contacten buitenshuis", "Wekelijks sociale contacten buiten de eigen woning."),
    (
        3,
        "Deelname aan georganiseerde activiteiten",
        "Wekelijks een georganiseerde activiteit zonder verantwoordelijkheid voor anderen "
        "(cursus, vereniging, inburgering).",
    ),
    (
        4,
        "Onbetaald werk",
        "Vrijwilligerswerk of stage met verantwoordelijkheid voor anderen.",
    ),
    (
        5,
        "Betaald werk met ondersteuning",
        "Betaald werk met instrumenten of aanvullende uitkering (jobcoach, loonkostensubsidie, "
        "proefplaatsing, beschut werk).",
    ),
    (6, "Betaald werk", "Betaald werk zonder ondersteuning, ook als zelfstandige."),
]

_BRON = "UWV en regionale pers, arbeidsmarkt Rijnmond 2017-2023 (domein §3)"
_DATUM = datetime.date(2023, 1, 1)

# Certificate and licence codes shared with Profiel and the intake.
CERTIFICATEN = {
    "vca": "VCA (veiligheid)",
    "bhv": "BHV",
    "heftruck": "Heftruckcertificaat",
    "code95": "Code 95 (vakbekwaamheid chauffeur)",
    "beveiliging2": "Diploma Beveiliger 2",
    "verkeersregelaar": "Verkeersregelaar (aanstelling)",
    "schoonmaak": "Basiscertificaat schoonmaak",
    "helpende_zw": "Helpende zorg en welzijn (mbo 2)",
    "sociale_hygiene": "Sociale hygiëne",
    "haccp": "HACCP / hygiënecode",
}
RIJBEWIJZEN = {"B": "Rijbewijs B", "C": "Rijbewijs C", "CE": "Rijbewijs CE"}

# (isco, naam, brc_groep, certificaten, rijbewijzen, taalniveau, fysiek, uren_min, uren_typ,
#  kansrijk)
BEROEPEN = [
    ("4321", "Magazijnmedewerker / orderpicker", "Laders, lossers en vakkenvullers", [], [],
     "onder_1f", "zwaar", 16, 38, True),
    ("8344", "Heftruckchauffeur", "Laders, lossers en vakkenvullers", ["heftruck"], [],
     "onder_1f", "middel", 24, 38, True),
    ("8332", "Vrachtwagenchauffeur", "Chauffeurs", ["code95"], ["C"], "1f", "middel", 32, 40,
     True),
    ("9329", "Productie- / assemblagemedewerker", "Productiemachinebedieners en assemblagemedew.",
     [], [], "onder_1f", "middel", 16, 38, True),
    ("9112", "Schoonmaker", "Schoonmakers", [], [], "onder_1f", "middel", 12, 24, True),
    ("5419", "Verkeersregelaar", "Beveiligingspersoneel", ["verkeersregelaar"], [], "1f",
     "middel", 8, 24, True),
    ("5414", "Beveiliger", "Beveiligingspersoneel", ["beveiliging2"], [], "2f", "middel", 24, 36,
     True),
    ("5223", "Verkoopmedewerker detailhandel", "Verkoopmedewerkers detailhandel", [], [], "1f",
     "licht", 12, 24, True),
    ("5322", "Helpende zorg en welzijn / thuiszorg", "Verzorgenden", ["helpende_zw"], [], "2f",
     "middel", 16, 28, True),
    ("5120", "Kok", "Koks", ["haccp"], [], "1f", "middel", 24, 36, True),
    ("9412", "Keukenhulp", "Keukenhulpen", [], [], "onder_1f", "middel", 12, 28, True),
    ("6113", "Hovenier / groenvoorziening", "Hoveniers, tuinders en kwekers", [], [], "onder_1f",
     "zwaar", 24, 38, True),
    ("9313", "Bouwplaatsmedewerker", "Bouwarbeiders", ["vca"], [], "onder_1f", "zwaar", 32, 40,
     True),
    ("4110", "Administratief medewerker", "Administratief medewerkers", [], [], "2f", "licht",
     16, 32, False),
    ("4222", "Callcentermedewerker", "Callcentermedewerkers", [], [], "2f", "licht", 16, 32,
     False),
    ("9321", "Hulpkracht bouw en industrie", "Hulpkrachten bouw en industrie", [], [],
     "onder_1f", "zwaar", 16, 38, False),
]  # fmt: skip


def _heeft_veld(model, naam: str) -> bool:
    return any(f.name == naam for f in model._meta.get_fields())


def zaai(apps) -> None:
    """Create or update the reference rows (idempotent; used by migration and post_migrate)."""
    Leefgebied = apps.get_model("perspectief", "Leefgebied")
    Trede = apps.get_model("perspectief", "Trede")
    Beroep = apps.get_model("perspectief", "Beroep")
    for code, nummer, naam, label, vertrouwelijk in LEEFGEBIEDEN:
        Leefgebied.objects.update_or_create(
            code=code,
            defaults={
                "nummer": nummer,
                "naam": naam,
                "burger_label": label,
                "vertrouwelijk": vertrouwelijk,
            },
        )
    for nummer, naam, omschrijving in TREDEN:
        Trede.objects.update_or_create(
            nummer=nummer, defaults={"naam": naam, "omschrijving": omschrijving}
        )
    if Beroep.objects.exists():
        return  # a beheerder may have edited the occupations: leave them alone
    # ``bron`` exists from migration 0003 on (the historical model of 0002 lacks it).
    extra = {"bron": "curated"} if _heeft_veld(Beroep, "bron") else {}
    for isco, naam, brc, cert, rijb, taal, fysiek, umin, utyp, kansrijk in BEROEPEN:
        Beroep.objects.create(
            **extra,
            isco_code=isco,
            naam=naam,
            brc_groep=brc,
            certificaten=cert,
            rijbewijzen=rijb,
            taalniveau=taal,
            fysieke_belasting=fysiek,
            uren_per_week_min=umin,
            uren_per_week_typisch=utyp,
            kansrijk=kansrijk,
            kansrijk_bron=_BRON,
            kansrijk_datum=_DATUM,
        )
