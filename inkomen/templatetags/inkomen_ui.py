"""Template filters for amounts and months in the inkomen screens, the portal and the PDF."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django import template

from inkomen.rekenregels.opmaak import MAANDNAMEN, bedrag_nl

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    """``€ 1.401,50``; empty for None."""
    if bedrag is None or bedrag == "":
        return ""
    try:
        return f"€ {bedrag_nl(Decimal(bedrag))}"
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def euro_abs(bedrag) -> str:
    """The amount without its sign: ``€ 150,00`` for -150."""
    if bedrag is None or bedrag == "":
        return ""
    return euro(abs(Decimal(bedrag)))


@register.filter
def maand_nl(maand) -> str:
    """``maart 2026``."""
    if not isinstance(maand, date):
        return ""
    return f"{MAANDNAMEN[maand.month - 1]} {maand.year}"


@register.filter
def maand_iso(maand) -> str:
    """``2026-03`` (for a month selection; never a BSN or name in a URL)."""
    return f"{maand:%Y-%m}" if isinstance(maand, date) else ""
