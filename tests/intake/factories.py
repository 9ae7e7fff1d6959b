"""Helpers to build intakes in tests (through the services, as the application does)."""

from __future__ import annotations

from intake import services
from intake.models import Intake
from perspectief.models import Leefgebied


def alle_scores(score: int = 4, trede: int = 3, **afwijkend) -> dict:
    """Answers of the scores step: every leefgebied scored, with explanations where needed."""
    antwoorden: dict = {"trede": trede}
    for lg in Leefgebied.objects.order_by("nummer"):
        s, uitleg = afwijkend.get(lg.code, (score, ""))
        antwoorden[f"score_{lg.code}"] = s
        antwoorden[f"toelichting_{lg.code}"] = uitleg or ("Toelichting" if s <= 2 else "")
    return antwoorden


def start(dossier, door, soort: str = "aanvraag") -> Intake:
    return services.start_intake(dossier=dossier, soort=soort, door=door)


def complete_intake(dossier, door, *, soort: str = "aanvraag", scores=None, **stappen) -> Intake:
    """A concept with every leefgebied scored (plus extra steps given as keyword arguments)."""
    intake = start(dossier, door, soort)
    services.sla_stap_op(
        intake=intake, stap="scores", antwoorden=scores or alle_scores(), door=door
    )
    for stap, antwoorden in stappen.items():
        services.sla_stap_op(intake=intake, stap=stap, antwoorden=antwoorden, door=door)
    intake.refresh_from_db()
    return intake


def definitieve_intake(dossier, door, **kwargs) -> Intake:
    intake = complete_intake(dossier, door, **kwargs)
    return services.rond_intake_af(intake=intake, door=door)
