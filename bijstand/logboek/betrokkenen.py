"""How the log finds the person a privacy officer searches for (by BSN), without importing the
app that holds persons.

The log sits below the hub (ADR 0001): ``bijstand.dossiers`` imports ``logboek``, never the
other way round. The hub registers its lookup here from ``DossiersConfig.ready()``; the log's
filter screen calls :func:`subject_voor_bsn`.
"""

from __future__ import annotations

from collections.abc import Callable

_ZOEKER: list[Callable[[str], str | None]] = []


def registreer_subject_zoeker(zoeker: Callable[[str], str | None]) -> None:
    """Set the function that maps a BSN to a log subject key (or None); one per process."""
    _ZOEKER[:] = [zoeker]


def subject_voor_bsn(bsn: str) -> str | None:
    """The log subject key of the person with this BSN, or None (also when no app registered)."""
    return _ZOEKER[0](bsn) if _ZOEKER else None
