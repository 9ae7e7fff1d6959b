"""The personal iCalendar feed (RFC 5545) of a werkweekagenda.

What it holds: the planned occurrences from four weeks back to half a year ahead, each as a
VEVENT with a stable UID, DTSTAMP, DTSTART/DTEND (Europe/Amsterdam with its VTIMEZONE; a
whole-day event for activities without a fixed time), SUMMARY, LOCATION and the responsible
person. What it never holds: a BSN, the person's name, or any detail of a confidential
(health) activity: those appear as "Afspraak" without location or description.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from . import uren
from .models import Afspraak

TZ = ZoneInfo("Europe/Amsterdam")
WEKEN_TERUG = 4
WEKEN_VOORUIT = 26


def periode(vandaag: datetime.date) -> tuple[datetime.date, datetime.date]:
    return (
        vandaag - datetime.timedelta(weeks=WEKEN_TERUG),
        vandaag + datetime.timedelta(weeks=WEKEN_VOORUIT),
    )


def _event(a: Afspraak, nu: datetime.datetime, domein: str) -> icalendar.Event:
    act = a.activiteit
    e = icalendar.Event()
    e.add("uid", f"werkweekagenda-afspraak-{a.pk}@{domein}")
    e.add("dtstamp", nu)
    if a.begintijd is not None:
        e.add("dtstart", datetime.datetime.combine(a.datum, a.begintijd, tzinfo=TZ))
        e.add("dtend", datetime.datetime.combine(a.datum, a.eindtijd, tzinfo=TZ))
    else:
        e.add("dtstart", a.datum)
        e.add("dtend", a.datum + datetime.timedelta(days=1))
        e.add("transp", "TRANSPARENT")
    if act.vertrouwelijk:
        e.add("summary", _("Afspraak"))
        e.add("class", "PRIVATE")
        return e
    titel = act.titel
    if a.begintijd is None:
        titel = f"{titel} ({uren.uren_tekst(a.minuten)})"
    e.add("summary", titel)
    if act.locatie:
        e.add("location", act.locatie)
    regels = []
    if act.verantwoordelijke:
        regels.append(_("Verantwoordelijke: %(naam)s") % {"naam": act.verantwoordelijke})
    if act.huiswerk:
        regels.append(_("Huiswerk: %(tekst)s") % {"tekst": act.huiswerk})
    if regels:
        e.add("description", "\n".join(regels))
    return e


def maak_feed(*, afspraken: Iterable[Afspraak], nu: datetime.datetime | None = None) -> bytes:
    nu = nu or datetime.datetime.now(datetime.UTC)
    gemeente = getattr(settings, "GEMEENTE_NAAM", "Gemeente")
    domein = "werkeninkomen." + gemeente.lower().replace(" ", "-") + ".nl"
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Gemeente {gemeente}//Werk en Inkomen werkweekagenda//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("Mijn werkweek"))
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for a in afspraken:
        cal.add_component(_event(a, nu, domein))
    cal.add_missing_timezones()
    return cal.to_ical()
