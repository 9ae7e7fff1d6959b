"""Hooks through which a domain app takes part in a status change of the dossier, in the same
transaction as the change itself.

The hub imports no domain app (ADR 0001). An app that owns something that must end together with
the dossier (the uitkering of ``inkomen``: "ending the dossier ends the uitkering", issue 10)
registers a function here from its ``AppConfig.ready()``; :func:`bijstand.dossiers.services.
wijzig_status` calls every registered function inside its transaction, *before* the dossier row
is written. A hook refuses the change by raising ``ValidationError`` (keyed by a form field, e.g.
``einddatum``): the whole transaction rolls back and the screen shows the message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bijstand.accounts.models import User

    from .models import Dossier

# haak(*, dossier, einddatum, reden, door) -> None
EindeHaak = Callable[..., None]

_BIJ_EINDE: dict[str, EindeHaak] = {}


def registreer_bij_einde(naam: str, haak: EindeHaak) -> None:
    """Call ``haak`` whenever a dossier ends (idempotent per ``naam``)."""
    _BIJ_EINDE[naam] = haak


def bij_einde(*, dossier: Dossier, einddatum: date, reden: str, door: User | None) -> None:
    """Run every registered end hook (inside the caller's transaction)."""
    for haak in _BIJ_EINDE.values():
        haak(dossier=dossier, einddatum=einddatum, reden=reden, door=door)
