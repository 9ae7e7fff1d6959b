"""The burger's own dossier, for every portal page: one lookup, one log line.

A burger sees only their own active dossier; every page that reads it says which operation it
performs and which kinds of data it shows, so the dataverwerkingen log names them.
"""

from __future__ import annotations

from django.http import HttpRequest

from bijstand.dossiers.models import Dossier
from bijstand.dossiers.selectors import actief_dossier_van_burger, dossier_voor_gebruiker


def eigen_dossier(
    request: HttpRequest,
    operatie: str,
    soorten_gegevens: tuple[str, ...] = (),
    *,
    activiteit: str,
    alleen_actief: bool = False,
) -> Dossier | None:
    """The logged-in burger's dossier (read and logged), or None when they have none (or, with
    ``alleen_actief``, none that is still active)."""
    eigen = actief_dossier_van_burger(user=request.user)
    if eigen is None or (alleen_actief and not eigen.is_actief):
        return None
    return dossier_voor_gebruiker(
        user=request.user,
        pk=eigen.pk,
        request=request,
        operatie=operatie,
        activiteit=activiteit,
        soorten_gegevens=soorten_gegevens,
    )
