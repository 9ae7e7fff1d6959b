"""Months as the inkomen screens, letters and ledger lines name them ("maart 2026")."""

from __future__ import annotations

from datetime import date

from .rekenregels.opmaak import MAANDNAMEN


def maand_nl(d: date) -> str:
    return f"{MAANDNAMEN[d.month - 1]} {d.year}"
