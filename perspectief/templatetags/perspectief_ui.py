"""Template filters of the perspectief screens and portal pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.models import Taalniveau
from perspectief.models import FysiekeBelasting, Segment, ZrmNiveau
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN

register = template.Library()

# Plain words (B1) for the five ZRM levels, as the burger sees them.
B1_NIVEAU = {
    5: _("Het gaat goed"),
    4: _("Het gaat goed genoeg"),
    3: _("Het gaat niet altijd goed"),
    2: _("Het gaat niet goed"),
    1: _("Het gaat helemaal niet goed"),
}


@register.filter
def certificaat_naam(code: str) -> str:
    return CERTIFICATEN.get(code, RIJBEWIJZEN.get(code, code))


@register.filter
def niveau_label(score) -> str:
    """3 -> "3 - Beperkt zelfredzaam"; empty for None."""
    if score in (None, ""):
        return ""
    try:
        return str(ZrmNiveau(int(score)).label)
    except ValueError:
        return str(score)


@register.filter
def b1_niveau(score) -> str:
    if score in (None, ""):
        return ""
    return str(B1_NIVEAU.get(int(score), score))


@register.filter
def segment_label(waarde: str) -> str:
    return str(dict(Segment.choices).get(waarde, waarde))


@register.filter
def taalniveau_label(waarde: str) -> str:
    return str(dict(Taalniveau.choices).get(waarde, waarde))


@register.filter
def fysiek_label(waarde: str) -> str:
    return str(dict(FysiekeBelasting.choices).get(waarde, waarde))


@register.filter
def stap_tekst(stap) -> str:
    """+1 / -1 / 0 as text for the table (with a sign, so it is not read as a score)."""
    if stap is None:
        return ""
    if stap > 0:
        return f"+{stap}"
    return str(stap)
