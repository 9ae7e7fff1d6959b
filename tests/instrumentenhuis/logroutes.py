"""Log-completeness classification of this app's routes (merged by tests/logboek).

PERSOONSGEGEVENS: route name -> (role, path builder taking the dossier); a GET must write a
dataverwerkingen line for that dossier's person. Roles: werkcoach, teamleider, burger.
GEEN_PERSOONSGEGEVENS: route name -> why it shows no person's data (or where its log line is
asserted instead).
"""

PERSOONSGEGEVENS: dict = {
    "instrumentenhuis:aanvragen": (
        "werkcoach",
        lambda d: f"/instrumentenhuis/dossiers/{d.pk}/aanvragen/",
    ),
    "api-instrumentenhuis-inzetten": (
        "werkcoach",
        lambda d: f"/api/v1/instrumentenhuis/dossiers/{d.pk}/inzetten/",
    ),
}
GEEN_PERSOONSGEGEVENS: dict = {
    "instrumentenhuis:catalogus": "the catalogue of instruments, no person",
    "instrumentenhuis:instrument": "one instrument with budget counts, no person",
    "api-instrumentenhuis-instrumenten": "the catalogue of instruments, no person",
    "api-instrumentenhuis-instrument": "one instrument, no person",
    "instrumentenhuis:overgang": "POST only; the write is logged by the service",
    "api-instrumentenhuis-inzet-status": "POST only; the write is logged by the service",
    "api-instrumentenhuis-aanbieder-rapportage": "POST only (provider token); service logs",
    # These show personal data but need an inzet, a profile or a provider token; their log
    # lines are asserted in tests/instrumentenhuis/test_schermen.py and test_api.py.
    "instrumentenhuis:kandidaten": "logged: tests/instrumentenhuis/test_schermen.py",
    "instrumentenhuis:inzet": "logged: tests/instrumentenhuis/test_schermen.py",
    "instrumentenhuis:rapportage": "logged: tests/instrumentenhuis/test_schermen.py",
    "instrumentenhuis:werkgeversafspraak": "logged: tests/instrumentenhuis/test_schermen.py",
    "api-instrumentenhuis-aanbieder-inzetten": "logged: tests/instrumentenhuis/test_api.py",
}
