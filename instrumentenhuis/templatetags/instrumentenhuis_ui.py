"""Template filters of the instrumentenhuis screens."""

from __future__ import annotations

from decimal import Decimal

from django import template

from perspectief.referentie import CERTIFICATEN

from ..lks import euro as _euro

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    """``€ 1.250,00``; an empty value stays empty."""
    if bedrag is None or bedrag == "":
        return ""
    return _euro(Decimal(bedrag))


@register.filter
def certificaat(code: str) -> str:
    return CERTIFICATEN.get(code, code)


@register.filter
def lookup(mapping, sleutel):
    return mapping.get(sleutel) if mapping else None
