"""Log-completeness classification of this app's routes (merged by tests/logboek).

PERSOONSGEGEVENS: route name -> (role, path builder taking the dossier); a GET must write a
dataverwerkingen line for that dossier's person. Roles: werkcoach, teamleider, burger.
GEEN_PERSOONSGEGEVENS: route name -> why it shows no person's data (or where its log line is
asserted instead).
"""

PERSOONSGEGEVENS: dict = {
    "portaal:vacatures": ("burger", lambda d: "/portaal/vacatures/"),
    "portaal:werkprofiel": ("burger", lambda d: "/portaal/mijn-werkprofiel/"),
}

_KANDIDATEN = "logged per person shown: tests/vacatures/test_privacy.py"
_VOORDRACHT = "needs a voordracht; logged: tests/vacatures/test_logboek.py"
_WERKGEVER = "employers and vacancies only, no werkzoekende"

GEEN_PERSOONSGEGEVENS: dict = {
    "vacatures:lijst": _WERKGEVER,
    "vacatures:nieuw": _WERKGEVER,
    "vacatures:wijzigen": _WERKGEVER,
    "vacatures:intrekken": _WERKGEVER,
    "vacatures:heropenen": "POST only, vacancy status",
    "vacatures:werkgevers": _WERKGEVER,
    "vacatures:werkgever": _WERKGEVER,
    "vacatures:werkgever_nieuw": _WERKGEVER,
    "vacatures:werkgever_wijzigen": _WERKGEVER,
    "vacatures:contactpersoon_nieuw": _WERKGEVER,
    "vacatures:sroi_nieuw": _WERKGEVER,
    "vacatures:detail": _KANDIDATEN,
    "vacatures:werkgeversweergave": _KANDIDATEN,
    "vacatures:voordragen": "POST only; logged by the dossier read and the service",
    "vacatures:voordracht": _VOORDRACHT,
    "vacatures:voordracht_gesprek": _VOORDRACHT,
    "vacatures:voordracht_plaatsing": _VOORDRACHT,
    "vacatures:voordracht_afwijzen": _VOORDRACHT,
    "api-vacatures-lijst": _WERKGEVER,
    "api-vacatures-detail": _WERKGEVER,
    "api-vacatures-werkgevers": _WERKGEVER,
    "api-vacatures-werkgever": _WERKGEVER,
    "api-vacatures-kandidaten": "logged per person shown: tests/vacatures/test_logboek.py",
    "api-vacatures-voordrachten": "logged per person shown: tests/vacatures/test_api.py",
    "api-vacatures-voordracht": _VOORDRACHT,
    "api-vacatures-voordracht-overgang": _VOORDRACHT,
}
