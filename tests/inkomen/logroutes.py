"""Log-completeness classification of the inkomen app's new routes (merged by tests/logboek).

PERSOONSGEGEVENS: route name -> (role, path builder taking the dossier); a GET must write a
dataverwerkingen line for that dossier's person. Roles: werkcoach, teamleider, burger.
GEEN_PERSOONSGEGEVENS: route name -> why it shows no person's data (or where its log line is
asserted instead). The older inkomen routes are still classified in
tests/logboek/test_log_volledigheid.py itself.
"""


def _huishoudenswijziging(dossier):
    from bijstand.core import tijd
    from bijstand.dossiers.models import Wijziging

    return Wijziging.objects.create(
        dossier=dossier,
        soort="medebewoner_erbij",
        ingangsdatum=tijd.vandaag(),
        gemeld_door="burger",
        kanaal="portaal",
    )


PERSOONSGEGEVENS: dict = {
    "inkomen:dienstverband_registreren": (
        "werkcoach",
        lambda d: f"/dossiers/{d.pk}/inkomen/dienstverbanden/nieuw/",
    ),
    "inkomen:herziening": (
        "werkcoach",
        lambda d: f"/wijzigingen/{_huishoudenswijziging(d).pk}/herziening/",
    ),
}
GEEN_PERSOONSGEGEVENS: dict = {
    "inkomen:voorschotten": (
        "names/IBANs logged per person shown: tests/inkomen/test_voorschot_bestand.py"
    ),
    "inkomen:voorschotbestand_maken": "POST only",
    "inkomen:voorschotbestand": (
        "file; every person logged on download: tests/inkomen/test_voorschot_bestand.py"
    ),
    "inkomen:betaalruns": "runs with counts and totals only, no person",
    "inkomen:betaalrun": (
        "counts, parts and status changes; the inkomensconsulent's unpaid dossiers are logged "
        "per person: tests/inkomen/test_betaalrun_schermen.py"
    ),
    "inkomen:betaalrun_voortgang": "progress counts of a run, no person",
    "inkomen:betaalbestand": (
        "the pain.001 file; every person in it is logged on download: "
        "tests/inkomen/test_betaalrun_schermen.py"
    ),
    "inkomen:opschorten": (
        "the dossier's read is logged by dossier_voor_scherm, the write by the service: "
        "tests/inkomen/test_perioden_schermen.py"
    ),
    "inkomen:opschorting_opheffen": "as inkomen:opschorten (dossier_voor_scherm, the service)",
    "inkomen:opschorting_intrekken": "as inkomen:opschorten (dossier_voor_scherm, the service)",
    "inkomen:signalen": (
        "every person on the page logged (bekijk_signalen): tests/inkomen/test_perioden_schermen.py"
    ),
    "inkomen:signaal_afhandelen": "POST only; redirects to the worklist",
    "inkomen:herberekeningen": "rule-set recalculation runs with counts only, no person",
    "inkomen:herberekeningsrun": "counts and processed chunks of a run, no person",
    "inkomen:herberekening_voortgang": "progress counts of a run, no person",
    "inkomen:herberekening_starten": "a month range and a reason, no person",
    "inkomen:herberekening_herstarten": "POST only; a run's range, no person",
}
