"""Log-completeness classification of this app's routes (merged by tests/logboek).

PERSOONSGEGEVENS: route name -> (role, path builder taking the dossier); a GET must write a
dataverwerkingen line for that dossier's person. Roles: werkcoach, teamleider, burger.
GEEN_PERSOONSGEGEVENS: route name -> why it shows no person's data (or where its log line is
asserted instead).
"""


def _intake(dossier):
    """A concept intake of the dossier, made without a service (so without a log line)."""
    from intake.models import Intake

    intake = Intake.objects.filter(dossier=dossier, status="concept").first()
    return intake or Intake.objects.create(dossier=dossier, soort="aanvraag")


PERSOONSGEGEVENS: dict = {
    "intake:detail": ("werkcoach", lambda d: f"/intake/dossiers/{d.pk}/{_intake(d).pk}/"),
    "intake:stap": ("werkcoach", lambda d: f"/intake/dossiers/{d.pk}/{_intake(d).pk}/taal/"),
    "intake:afronden": (
        "werkcoach",
        lambda d: f"/intake/dossiers/{d.pk}/{_intake(d).pk}/afronden/",
    ),
    "portaal:intake_voorbereiden": ("burger", lambda d: "/portaal/intake-voorbereiden/"),
    "portaal:intake_voorbereiden_stap": (
        "burger",
        lambda d: "/portaal/intake-voorbereiden/wensen/",
    ),
    "api-intake-dossier": ("werkcoach", lambda d: f"/api/v1/intake/dossiers/{d.pk}/"),
    "api-intake-detail": ("werkcoach", lambda d: f"/api/v1/intake/{_intake(d).pk}/"),
}
GEEN_PERSOONSGEGEVENS: dict = {
    "intake:starten": "POST only; start_intake logs (tests/intake/test_services.py)",
    "api-intake-stap": "PUT only; sla_stap_op logs (tests/intake/test_services.py)",
    "api-intake-afronden": "POST only; rond_intake_af logs (tests/intake/test_services.py)",
}
