"""Input value types of the calculation core (frozen dataclasses, no Django)."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class PersoonRol(StrEnum):
    AANVRAGER = "aanvrager"
    PARTNER = "partner"


class Soort(StrEnum):
    """Kind of income: only ``arbeid`` qualifies for a vrijlating (art. 31 lid 2 n/r/y/z/aa)."""

    ARBEID = "arbeid"
    OVERIG = "overig"


class Periode(StrEnum):
    MAAND = "maand"
    VIER_WEKEN = "vier_weken"


class VrijlatingSoort(StrEnum):
    """Kinds of vrijlating; the values are the counter keys in ``vrijlating_maanden_gebruikt``."""

    N = "n"  # art. 31 lid 2 onder n
    R = "r"  # art. 31 lid 2 onder r (alleenstaande ouder)
    Y = "y"  # art. 31 lid 2 onder y (medisch urenbeperkt)
    Z = "z"  # art. 31 lid 2 onder z (doelgroep loonkostensubsidie)
    AA = "aa"  # art. 31 lid 2 onder aa
    ART_34A = "34a"  # art. 34a lid 1 onder a (PiB), only via beleidskeuze P6 (gedoog 2026, <27)


@dataclass(frozen=True, order=True)
class Maand:
    """A calendar month (art. 45 lid 1: bijstand is fixed per kalendermaand)."""

    jaar: int
    maand: int

    @classmethod
    def uit_tekst(cls, tekst: str) -> Maand:
        """Parse ``"2026-03"``; raises ``ValueError`` when malformed."""
        delen = str(tekst).split("-")
        if len(delen) != 2 or not all(d.isdigit() for d in delen) or len(delen[0]) != 4:
            raise ValueError(f"geen maand in de vorm JJJJ-MM: {tekst!r}")
        resultaat = cls(int(delen[0]), int(delen[1]))
        if not 1 <= resultaat.maand <= 12:
            raise ValueError(f"maand buiten 1-12: {tekst!r}")
        return resultaat

    @property
    def eerste_dag(self) -> date:
        return date(self.jaar, self.maand, 1)

    @property
    def laatste_dag(self) -> date:
        return date(self.jaar, self.maand, calendar.monthrange(self.jaar, self.maand)[1])

    def volgende(self) -> Maand:
        return Maand(self.jaar + self.maand // 12, self.maand % 12 + 1)

    def __str__(self) -> str:
        return f"{self.jaar:04d}-{self.maand:02d}"


@dataclass(frozen=True)
class Persoon:
    """The aanvrager or the partner.

    ``doelgroep_loonkostensubsidie`` (works in a dienstbetrekking under art. 10d) and
    ``urenuitbreiding_niet_mogelijk`` (college's judgement for sub aa) are optional extensions
    beyond the proefberekening contract; they default to ``False``.
    """

    geboortedatum: date
    medisch_urenbeperkt: bool = False
    doelgroep_loonkostensubsidie: bool = False
    urenuitbreiding_niet_mogelijk: bool = False


@dataclass(frozen=True)
class Kind:
    """A child ten laste (under 18) in the full care of the aanvrager (and partner)."""

    geboortedatum: date


@dataclass(frozen=True)
class Medebewoner:
    """Someone else whose hoofdverblijf is the same woning (art. 19a lid 1)."""

    geboortedatum: date
    student: bool = False  # WSF 2000 / WTOS / BBL (art. 19a lid 1 onder d)
    commerciele_huur: bool = False  # written agreement at a commercial price (onder b)
    familie_eerste_of_tweede_graad: bool = False  # bloed-/aanverwant 1e/2e graad


@dataclass(frozen=True)
class Inkomstenregel:
    """Netto income of one person, attributed to the month being computed (policy P3)."""

    persoon: PersoonRol | str
    soort: Soort | str
    bedrag: Decimal
    periode: Periode | str = Periode.MAAND


@dataclass(frozen=True)
class Invoer:
    """Everything :func:`bereken` needs for one household and one month.

    ``vrijlating_maanden_gebruikt`` counts, per person (``"aanvrager"``/``"partner"``) and per
    kind (``"n"``, ``"r"``, ``"y"``, ``"z"``, ``"aa"``, ``"34a"``), the months of that vrijlating
    used *before* this month. ``geschatte_inkomsten`` is ``None`` when no estimate was paid on,
    otherwise the income lines of the estimate (may be empty: estimated at zero).

    ``recht_vanaf`` / ``recht_tot`` (art. 45 lid 3, part month): the first / last day *with
    recht* inside ``maand`` (both inclusive); ``None`` means from the first / up to the last
    day of the month. With either set, the norm is prorated per policy P8. Whether the month
    is a part month at all - no bijstand in the 30 days before the start or after the end - is
    decided by the caller: a re-entry within 30 days is passed as a whole month.
    """

    maand: Maand
    aanvrager: Persoon
    partner: Persoon | None = None
    kinderen: tuple[Kind, ...] = ()
    medebewoners: tuple[Medebewoner, ...] = ()
    inkomsten: tuple[Inkomstenregel, ...] = ()
    vrijlating_maanden_gebruikt: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    geschatte_inkomsten: tuple[Inkomstenregel, ...] | None = None
    recht_vanaf: date | None = None
    recht_tot: date | None = None

    @property
    def is_deelmaand(self) -> bool:
        """Whether the days with recht cover less than the whole month."""
        vanaf = self.recht_vanaf or self.maand.eerste_dag
        tot = self.recht_tot or self.maand.laatste_dag
        return vanaf > self.maand.eerste_dag or tot < self.maand.laatste_dag

    def __post_init__(self) -> None:
        # Accept lists for convenience but store tuples, so the value stays immutable.
        for naam in ("kinderen", "medebewoners", "inkomsten"):
            waarde = getattr(self, naam)
            if isinstance(waarde, list):
                object.__setattr__(self, naam, tuple(waarde))
        if isinstance(self.geschatte_inkomsten, list):
            object.__setattr__(self, "geschatte_inkomsten", tuple(self.geschatte_inkomsten))


def werkdagen(vanaf: date, tot: date) -> int:
    """Weekdays Monday-Friday from ``vanaf`` to ``tot``, both inclusive (0 when tot < vanaf)."""
    dagen = (tot - vanaf).days + 1
    if dagen <= 0:
        return 0
    weken, rest = divmod(dagen, 7)
    aantal = weken * 5
    for i in range(rest):
        if (vanaf.weekday() + i) % 7 < 5:
            aantal += 1
    return aantal


def leeftijd(geboortedatum: date, peildatum: date) -> int:
    """Age in whole years on ``peildatum``."""
    jaren = peildatum.year - geboortedatum.year
    if (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


def plus_jaren_maanden(datum: date, jaren: int, maanden: int = 0) -> date:
    """``datum`` plus whole years and months; the day is clamped (29 Feb -> 28 Feb)."""
    totaal = datum.year * 12 + (datum.month - 1) + jaren * 12 + maanden
    jaar, maand = divmod(totaal, 12)
    maand += 1
    dag = min(datum.day, calendar.monthrange(jaar, maand)[1])
    return date(jaar, maand, dag)
