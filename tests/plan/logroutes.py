"""Log-completeness classification of this app's routes (merged by tests/logboek).

PERSOONSGEGEVENS: route name -> (role, path builder taking the dossier); a GET must write a
dataverwerkingen line for that dossier's person. Roles: werkcoach, teamleider, burger.
GEEN_PERSOONSGEGEVENS: route name -> why it shows no person's data (or where its log line is
asserted instead).

The shared situation of tests/logboek has a dossier without a plan; the pages that need a
plan (or a notification) have their log line asserted in tests/plan/test_log.py, which walks
every GET route of the app with a plan in place.
"""

ELDERS = "needs a plan; logged: tests/plan/test_log.py"

PERSOONSGEGEVENS: dict = {
    "portaal:plan": ("burger", lambda d: "/portaal/mijn-plan/"),
}
GEEN_PERSOONSGEGEVENS: dict = {
    "plan:meldingen": "needs a notification; logged: tests/plan/test_log.py",
    "plan:melding_gezien": "POST only; marks a notification seen",
    "plan:maak_plan": "POST only; the write is logged by the service",
    "plan:sjabloon_toepassen": ELDERS,
    "plan:doel_nieuw": ELDERS,
    "plan:doel_wijzigen": ELDERS,
    "plan:actie_nieuw": ELDERS,
    "plan:actie_wijzigen": ELDERS,
    "plan:actie_status": ELDERS,
    "plan:versies": ELDERS,
    "portaal:plan_versies": ELDERS,
    "plan:nazorg": "needs an ended dossier in nazorg; logged: tests/plan/test_nazorg.py",
    "plan:nazorg_gehad": "POST only; the write is logged (journaal line)",
    "plan:nazorg_overslaan": "POST only; the write is logged (journaal line)",
    "plan:nazorg_terugkeer": "POST only; the write is logged by the service",
    "portaal:nazorg_hulp": "needs nazorg; logged: tests/plan/test_nazorg_portaal.py",
    "portaal:plan_akkoord": "POST only; the write is logged by the service",
    "portaal:plan_actie_klaar": "POST only; the write is logged by the service",
    "api-plan-plannen": ELDERS,
    "api-plan-plan": ELDERS,
    "api-plan-doelen": ELDERS,
    "api-plan-acties": ELDERS,
    "api-plan-actie-overgang": "POST only; the write is logged by the service",
    "api-plan-akkoord": "POST only; the write is logged by the service",
}
