"""Small display helpers for the staff UI."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def leeftijd(geboortedatum: date | None, peildatum: date | None = None) -> int | str:
    """Age in whole years on `peildatum` (default: today)."""
    if not geboortedatum:
        return ""
    peil = peildatum or timezone.localdate()
    jaren = peil.year - geboortedatum.year
    if (peil.month, peil.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


@register.simple_tag
def procent(deel: int, geheel: int) -> int:
    """Whole percentage of deel in geheel (0 when geheel is 0)."""
    return round(100 * deel / geheel) if geheel else 0


@register.simple_tag
def pagina_nummers(pagina) -> list:
    """Page numbers around the current page, with Paginator.ELLIPSIS for gaps."""
    return list(pagina.paginator.get_elided_page_range(pagina.number, on_each_side=2, on_ends=1))
