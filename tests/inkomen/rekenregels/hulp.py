"""Shared builders for the rekenregels tests (pure, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from inkomen.rekenregels import (
    Beleid,
    Inkomstenregel,
    Invoer,
    Kind,
    Maand,
    Medebewoner,
    Persoon,
    Resultaat,
    bereken,
    regelset_voor,
    standaard_regelsets,
)

REGELSETS = standaard_regelsets()
MAART_2026 = Maand(2026, 3)


def D(waarde: str) -> Decimal:
    return Decimal(waarde)


def geboren(leeftijd: int, maand: Maand = MAART_2026) -> date:
    """A birth date giving ``leeftijd`` on the first day of ``maand`` (birthday mid-year)."""
    return date(maand.jaar - leeftijd - 1, 7, 15)


def persoon(leeftijd: int = 35, maand: Maand = MAART_2026, **kwargs) -> Persoon:
    return Persoon(geboortedatum=geboren(leeftijd, maand), **kwargs)


def medebewoner(leeftijd: int = 40, maand: Maand = MAART_2026, **kwargs) -> Medebewoner:
    return Medebewoner(geboortedatum=geboren(leeftijd, maand), **kwargs)


def kind(leeftijd: int = 6, maand: Maand = MAART_2026) -> Kind:
    return Kind(geboortedatum=geboren(leeftijd, maand))


def arbeid(bedrag: str, persoon: str = "aanvrager", periode: str = "maand") -> Inkomstenregel:
    return Inkomstenregel(persoon=persoon, soort="arbeid", bedrag=D(bedrag), periode=periode)


def overig(bedrag: str, persoon: str = "aanvrager") -> Inkomstenregel:
    return Inkomstenregel(persoon=persoon, soort="overig", bedrag=D(bedrag))


def invoer(maand: Maand = MAART_2026, aanvrager: Persoon | None = None, **kwargs) -> Invoer:
    return Invoer(maand=maand, aanvrager=aanvrager or persoon(35, maand), **kwargs)


def gebruikt(**per_soort: int) -> dict[str, dict[str, int]]:
    return {"aanvrager": dict(per_soort)}


def reken(inv: Invoer, beleid: Beleid | None = None, regelset=None) -> Resultaat:
    regelset = regelset or regelset_voor(inv.maand.eerste_dag, REGELSETS)
    return bereken(inv, regelset, beleid)
