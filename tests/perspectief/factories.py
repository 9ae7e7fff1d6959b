"""Helpers of the perspectief tests: scores for all domains, measurements, logged-in clients."""

from __future__ import annotations

from django.test import Client

from perspectief.models import Leefgebied
from perspectief.services import registreer_meting


def alle_scores(score: int = 4, **afwijkend) -> dict[str, tuple[int, str]]:
    """Scores for the 13 domains (code -> (score, toelichting)); override per code."""
    uitleg = "Uitleg bij een lage score." if score <= 2 else ""
    uit = {lg.code: (score, uitleg) for lg in Leefgebied.objects.all()}
    for code, waarde in afwijkend.items():
        uit[code] = waarde if isinstance(waarde, tuple) else (waarde, "toelichting")
    return uit


def meet(dossier, door, *, score: int = 4, trede: int = 3, bron: str = "werkcoach", **afwijkend):
    """Register a professional measurement through the service."""
    return registreer_meting(
        dossier=dossier, bron=bron, scores=alle_scores(score, **afwijkend), trede=trede, door=door
    )


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
