"""Small display helpers of the agenda templates (Dutch, B1 where the portal uses them)."""

from __future__ import annotations

import datetime

from django import template
from django.utils.translation import gettext as _

from werkloont import uren as _uren

register = template.Library()


@register.filter
def uren(minuten) -> str:
    """Minutes -> ``16 uur`` / ``2,5 uur``."""
    if minuten in (None, ""):
        return ""
    return _uren.uren_tekst(int(minuten))


@register.filter
def uur(waarde) -> str:
    """Hours (Decimal) -> ``12 uur`` / ``7,5 uur``."""
    if waarde in (None, ""):
        return ""
    return _uren.uren_tekst(_uren.minuten(waarde))


@register.filter
def datum_nl(d: datetime.date | None) -> str:
    return _uren.datum_nl(d) if d else ""


@register.filter
def kort_nl(d: datetime.date | None) -> str:
    return _uren.kort_nl(d) if d else ""


@register.filter
def tijdvak(afspraak) -> str:
    """``09:00 tot 12:30`` or ``3 uur, geen vaste tijd``."""
    if afspraak.begintijd is not None:
        return _("%(van)s tot %(tot)s") % {
            "van": afspraak.begintijd.strftime("%H:%M"),
            "tot": afspraak.eindtijd.strftime("%H:%M"),
        }
    return _("%(uren)s, geen vaste tijd") % {"uren": _uren.uren_tekst(afspraak.minuten)}


@register.filter
def weeklabel(ma: datetime.date) -> str:
    return _uren.week_label(ma)


@register.filter
def get_item(mapping, sleutel):
    return mapping.get(sleutel, "") if mapping else ""


@register.filter
def alert_soort(status: str) -> str:
    return {"ok": "ok", "onder": "warning", "boven": "warning"}.get(status, "info")
