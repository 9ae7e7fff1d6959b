"""Log-completeness classification of this app's routes (merged by tests/logboek).

PERSOONSGEGEVENS: route name -> (role, path builder taking the dossier); a GET must write a
dataverwerkingen line for that dossier's person. Roles: werkcoach, teamleider, burger.
GEEN_PERSOONSGEGEVENS: route name -> why it shows no person's data (or where its log line is
asserted instead).
"""


def _staf(pad: str):
    return lambda d: f"/perspectief/dossiers/{d.pk}/{pad}"


PERSOONSGEGEVENS: dict = {
    "perspectief:meting_nieuw": ("werkcoach", _staf("metingen/nieuw/")),
    "perspectief:doelen": ("werkcoach", _staf("doelen/")),
    "perspectief:belemmering_nieuw": ("werkcoach", _staf("belemmeringen/nieuw/")),
    "perspectief:vaardigheid_nieuw": ("werkcoach", _staf("vaardigheden/nieuw/")),
    "perspectief:werkprofiel": ("werkcoach", _staf("werkprofiel/")),
    "perspectief:route": ("werkcoach", _staf("segment-en-route/")),
    "portaal:perspectief": ("burger", lambda d: "/portaal/mijn-perspectief/"),
    "portaal:perspectief_zelfbeoordeling": (
        "burger",
        lambda d: "/portaal/mijn-perspectief/zelf-invullen/",
    ),
    "api-perspectief-perspectief": ("werkcoach", lambda d: f"/api/v1/perspectief/dossiers/{d.pk}/"),
    "api-perspectief-metingen": (
        "werkcoach",
        lambda d: f"/api/v1/perspectief/dossiers/{d.pk}/metingen/",
    ),
}
GEEN_PERSOONSGEGEVENS: dict = {
    "perspectief:belemmering_opgelost": (
        "POST only; the service logs the write (tests/perspectief/test_ontwikkel.py)"
    ),
}
