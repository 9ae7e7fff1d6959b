"""Log-completeness classification of this app's routes (merged by tests/logboek).

PERSOONSGEGEVENS: route name -> (role, path builder taking the dossier); a GET must write a
dataverwerkingen line for that dossier's person. Roles: werkcoach, teamleider, burger.
GEEN_PERSOONSGEGEVENS: route name -> why it shows no person's data (or where its log line is
asserted instead).
"""

PERSOONSGEGEVENS: dict = {
    "werkloont:lijst": ("werkcoach", lambda d: f"/werkloont/dossiers/{d.pk}/agenda/lijst/"),
    "werkloont:traject_nieuw": (
        "werkcoach",
        lambda d: f"/werkloont/dossiers/{d.pk}/programma/nieuw/",
    ),
    "werkloont:activiteit_nieuw": (
        "werkcoach",
        lambda d: f"/werkloont/dossiers/{d.pk}/activiteiten/nieuw/",
    ),
    "portaal:mijn_week": ("burger", lambda d: "/portaal/mijn-week/"),
    "portaal:agenda_koppelen": ("burger", lambda d: "/portaal/mijn-week/agenda-koppelen/"),
    "api-werkloont-trajecten": (
        "werkcoach",
        lambda d: f"/api/v1/werkloont/dossiers/{d.pk}/programmas/",
    ),
    "api-werkloont-activiteiten": (
        "werkcoach",
        lambda d: f"/api/v1/werkloont/dossiers/{d.pk}/activiteiten/",
    ),
    "api-werkloont-agenda": ("werkcoach", lambda d: f"/api/v1/werkloont/dossiers/{d.pk}/agenda/"),
    "api-werkloont-week": (
        "teamleider",
        lambda d: f"/api/v1/werkloont/dossiers/{d.pk}/weken/2026-W10/",
    ),
}

GEEN_PERSOONSGEGEVENS: dict = {
    "werkloont:week_goedkeuren": "POST only; the write is logged by the service",
    "werkloont:groepen": "training groups with counts, no person",
    "werkloont:werkactiviteiten": "catalogue of werkactiviteiten, no person",
    # These show personal data but need a programme, activity, appointment, group or signal;
    # their log lines are asserted in tests/werkloont.
    "werkloont:traject_norm": "logged: tests/werkloont/test_toegang.py (log lines per route)",
    "werkloont:traject_beeindigen": "logged: tests/werkloont/test_toegang.py",
    "werkloont:activiteit_stoppen": "logged: tests/werkloont/test_toegang.py",
    "werkloont:competenties": "logged: tests/werkloont/test_toegang.py",
    "werkloont:aanwezigheid": "logged: tests/werkloont/test_toegang.py",
    "werkloont:afspraak_annuleren": "logged: tests/werkloont/test_toegang.py",
    "werkloont:groep": "logged: tests/werkloont/test_schermen.py (bekijk_trainingsgroep)",
    "werkloont:signalen": "logged: tests/werkloont/test_toegang.py (needs a signal)",
    "werkloont:signaal_afhandelen": "POST only; the write is logged by the service",
    "portaal:mijn_week_afmelden": "logged: tests/werkloont/test_toegang.py",
    "portaal:agenda_feed": "token feed; logged: tests/werkloont/test_portaal.py (agenda_feed)",
    "api-werkloont-aanwezigheid": "POST only; the write is logged by the service",
    "api-werkloont-werkactiviteiten": "catalogue of werkactiviteiten, no person",
}
