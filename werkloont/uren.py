"""The hour rules of the werkweekagenda as plain functions (no database).

Planned minutes of one week are compared with the norms that apply to the person:

- everyone: the direction of ``richting`` hours a week (32); more is flagged as over-planning,
  less is progress, not a fault;
- Werkloont: the work component at least ``werkloont_werk_min`` and the training component at
  least ``werkloont_training_min`` hours (16 + 12);
- Iedereen doet mee: a personal norm "naar vermogen" set by the werkcoach (a target: less and
  more are both flagged), otherwise the programme's default norm, a minimum (less is flagged)
  or a maximum (more is flagged; nothing planned at all is flagged too).

Every norm is taken pro rata over the working days (monday to friday) of the week that are in
the programme's period and are not a public holiday: a week with Koningsdag has a norm of 4/5.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

DAGNAMEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MAANDNAMEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

MINIMUM = "minimum"
MAXIMUM = "maximum"
DOEL = "doel"  # personal norm naar vermogen: less and more are both flagged
RICHTING = "richting"

OK = "ok"
ONDER = "onder"
BOVEN = "boven"


@dataclass(frozen=True)
class Normen:
    """The hour norms of one version (hours as Decimal)."""

    geldig_vanaf: datetime.date
    werkloont_max_weken: int = 15
    werkloont_werk_min: Decimal = Decimal("16")
    werkloont_training_min: Decimal = Decimal("12")
    idm_standaard: Decimal = Decimal("20")
    idm_soort: str = MAXIMUM
    richting: Decimal = Decimal("32")
    max_per_dag: Decimal = Decimal("24")
    afwezig_aantal: int = 2
    afwezig_weken: int = 4

    @property
    def max_minuten_per_dag(self) -> int:
        return minuten(self.max_per_dag)


@dataclass(frozen=True)
class TrajectInfo:
    """What the norm check needs of a programme enrolment."""

    soort: str  # "werkloont" | "iedereen_doet_mee"
    startdatum: datetime.date
    einddatum: datetime.date | None
    persoonlijke_norm: Decimal | None = None


@dataclass(frozen=True)
class Normregel:
    """One norm line of a week. ``label`` and ``uitleg`` are made only when shown (the weekly
    check over tens of thousands of agendas needs just the numbers)."""

    sleutel: str  # werk | training | idm_standaard | idm_persoonlijk | richting
    gepland: int  # minutes
    norm: int  # minutes, pro rata
    soort: str  # minimum | maximum | doel | richting
    status: str  # ok | onder | boven
    richting_uren: Decimal = Decimal("32")

    @property
    def afwijking(self) -> int:
        """Minutes short (negative) or over (positive) the norm."""
        return self.gepland - self.norm

    @property
    def is_signaal(self) -> bool:
        """Counts for the weekly check (a direction is never 'below norm')."""
        return self.status == ONDER and self.soort != RICHTING

    @property
    def label(self) -> str:
        if self.sleutel == "werk":
            return _("Werkloont: werken")
        if self.sleutel == "training":
            return _("Werkloont: training en huiswerk")
        if self.sleutel == "idm" and self.soort == DOEL:
            return _("Iedereen doet mee: persoonlijke norm naar vermogen")
        if self.sleutel == "idm":
            return _("Iedereen doet mee")
        return _("Hele week (richting %(uren)s)") % {
            "uren": uren_tekst(minuten(self.richting_uren))
        }

    @property
    def uitleg(self) -> str:
        teksten = {
            (MINIMUM, OK): _("voldoet aan de norm van minstens %(norm)s"),
            (MINIMUM, ONDER): _("%(verschil)s te weinig: de norm is minstens %(norm)s"),
            (MAXIMUM, OK): _("binnen de norm van hoogstens %(norm)s"),
            (MAXIMUM, BOVEN): _("%(verschil)s te veel: de norm is hoogstens %(norm)s"),
            (MAXIMUM, ONDER): _("er is niets gepland (de norm is hoogstens %(norm)s)"),
            (DOEL, OK): _("precies de persoonlijke norm van %(norm)s"),
            (DOEL, ONDER): _("%(verschil)s minder dan de persoonlijke norm van %(norm)s"),
            (DOEL, BOVEN): _("%(verschil)s meer dan de persoonlijke norm van %(norm)s"),
            (RICHTING, OK): _("op weg naar %(norm)s per week"),
            (RICHTING, BOVEN): _("%(verschil)s boven de richting van %(norm)s per week"),
        }
        return teksten[(self.soort, self.status)] % {
            "norm": uren_tekst(self.norm),
            "verschil": uren_tekst(abs(self.gepland - self.norm)),
        }


def minuten(uren: Decimal | int | float | str) -> int:
    """Hours -> whole minutes, half-up."""
    return int((Decimal(str(uren)) * 60).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def uren_tekst(minuten_: int) -> str:
    """``90`` -> ``"1,5 uur"``; ``960`` -> ``"16 uur"`` (Dutch decimal comma)."""
    uren = (Decimal(minuten_) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    tekst = f"{uren:f}".replace(".", ",")
    return f"{tekst} uur"


def datum_nl(d: datetime.date) -> str:
    """``maandag 2 maart 2026``."""
    return f"{DAGNAMEN[d.weekday()]} {d.day} {MAANDNAMEN[d.month - 1]} {d.year}"


def kort_nl(d: datetime.date) -> str:
    """``2 maart``."""
    return f"{d.day} {MAANDNAMEN[d.month - 1]}"


def maandag(d: datetime.date) -> datetime.date:
    return d - datetime.timedelta(days=d.weekday())


def week_label(ma: datetime.date) -> str:
    jaar, week, _dag = ma.isocalendar()
    return _("week %(week)s van %(jaar)s") % {"week": week, "jaar": jaar}


def werkdagen_factor(
    ma: datetime.date,
    *,
    van: datetime.date | None = None,
    tot: datetime.date | None = None,
    feestdagen: Iterable[datetime.date] = (),
) -> Fraction:
    """Share of the week's 5 working days that lie in [van, tot] and are not a holiday."""
    vrij = set(feestdagen)
    dagen = 0
    for i in range(5):
        dag = ma + datetime.timedelta(days=i)
        if van is not None and dag < van:
            continue
        if tot is not None and dag > tot:
            continue
        if dag in vrij:
            continue
        dagen += 1
    return Fraction(dagen, 5)


def _pro_rata(uren: Decimal, factor: Fraction) -> int:
    waarde = Decimal(str(uren)) * 60 * factor.numerator / factor.denominator
    return int(waarde.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _regel(
    sleutel: str, gepland: int, norm: int, soort: str, richting: Decimal = Decimal("32")
) -> Normregel:
    status = OK
    if soort == MINIMUM and gepland < norm:
        status = ONDER
    elif soort == MAXIMUM and gepland > norm:
        status = BOVEN
    elif (soort == MAXIMUM and gepland == 0 and norm > 0) or (soort == DOEL and gepland < norm):
        status = ONDER
    elif soort in (DOEL, RICHTING) and gepland > norm:
        status = BOVEN
    return Normregel(sleutel, gepland, norm, soort, status, richting)


def beoordeel_week(
    *,
    ma: datetime.date,
    gepland: Mapping[str, int],
    totaal: int,
    normen: Normen,
    traject: TrajectInfo | None,
    feestdagen: Iterable[datetime.date] = (),
) -> list[Normregel]:
    """The norm lines of one week. ``gepland`` maps component (werk, training, idm) to planned
    minutes; ``totaal`` is every planned minute of the week (instruments included)."""
    vrij = list(feestdagen)
    regels: list[Normregel] = []
    if traject is not None:
        factor = werkdagen_factor(
            ma, van=traject.startdatum, tot=traject.einddatum, feestdagen=vrij
        )
        if traject.soort == "werkloont":
            regels.append(
                _regel(
                    "werk",
                    gepland.get("werk", 0),
                    _pro_rata(normen.werkloont_werk_min, factor),
                    MINIMUM,
                )
            )
            regels.append(
                _regel(
                    "training",
                    gepland.get("training", 0),
                    _pro_rata(normen.werkloont_training_min, factor),
                    MINIMUM,
                )
            )
        else:
            if traject.persoonlijke_norm is not None:
                uren, soort = traject.persoonlijke_norm, DOEL
            else:
                uren, soort = normen.idm_standaard, normen.idm_soort
            regels.append(_regel("idm", gepland.get("idm", 0), _pro_rata(uren, factor), soort))
    regels.append(
        _regel(
            "richting",
            totaal,
            _pro_rata(normen.richting, werkdagen_factor(ma, feestdagen=vrij)),
            RICHTING,
            normen.richting,
        )
    )
    return regels
