"""Fit of instruments to one person's profile, with the reasons in words. Pure Python.

The selectors (``instrumentenhuis.selectors.suggesties``) load the facts in a fixed number of
queries and call :func:`stel_voor`; this module decides and explains:

- **cannot enter** (excluded, with the reason): the person already has the instrument (an
  active inzet), is younger than its minimum age, stands on a ladder trede outside its
  from -> to range, or scores outside its level range on every leefgebied it addresses;
- **fit** (ranked, higher is better): a low score within the instrument's level range on a
  leefgebied it addresses (the lower, the more points), an active belemmering on such a
  leefgebied (more when it blocks work now), a language level it teaches above the person's,
  a certificate it delivers that the person misses
  for a kansrijk occupation in the uitstroomperspectief, an occupation the person wants; the
  ladder position within the range adds a little;
- **wachtlijst**: budget or capacity of this year is used up, or others are already waiting;
  the instrument is still suggested, marked as such.

An instrument without any reason of fit is not suggested. Confidential leefgebieden (health,
addiction, justice) only count when ``met_vertrouwelijk`` is set (the dossier's own
werkcoach); otherwise they are ignored, and instruments that address them are not suggested.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from perspectief.matching import TAAL_LABEL, TAAL_RANG

NIVEAU_LABEL = {
    1: "acute problematiek",
    2: "niet zelfredzaam",
    3: "beperkt zelfredzaam",
    4: "voldoende zelfredzaam",
    5: "volledig zelfredzaam",
}

PUNTEN_PER_NIVEAU = 8  # (6 - score) x 8: score 1 gives 40, score 3 gives 24
PUNTEN_BELEMMERING = 15
PUNTEN_BLOKKEERT_WERK = 10
PUNTEN_CERTIFICAAT = 25
PUNTEN_GEWENST_BEROEP = 10
PUNTEN_TAAL = 20
PUNTEN_TREDE = 5


@dataclass(frozen=True)
class Bereik:
    """A leefgebied the instrument addresses, with its ZRM level range."""

    code: str
    naam: str
    van: int
    tot: int
    vertrouwelijk: bool = False


@dataclass(frozen=True)
class InstrumentFeiten:
    id: int
    naam: str
    trede_van: int = 1
    trede_tot: int = 6
    minimum_leeftijd: int | None = None
    bereiken: tuple[Bereik, ...] = ()
    certificaten: tuple[str, ...] = ()
    beroepen: tuple[tuple[str, str], ...] = ()  # (isco_code, naam)
    taalniveau_doel: str = ""

    @property
    def vertrouwelijk(self) -> bool:
        return any(b.vertrouwelijk for b in self.bereiken)


@dataclass(frozen=True)
class PersoonFeiten:
    trede: int | None = None
    scores: Mapping[str, int] = field(default_factory=dict)
    # leefgebied code -> blocks work now (any active belemmering on it)
    belemmeringen: Mapping[str, bool] = field(default_factory=dict)
    leeftijd: int | None = None
    taalniveau: str = "onbekend"
    certificaten: frozenset[str] = frozenset()
    gewenste_beroepen: frozenset[str] = frozenset()
    # certificate code -> names of kansrijk occupations for which it is the gap
    ontbrekende_certificaten: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    actieve_instrumenten: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Beschikbaarheid:
    """What is left of this year's budget and places of one instrument."""

    jaar: int
    budget_over: Decimal | None = None  # None: no limit
    plaatsen_over: int | None = None  # None: no limit
    kosten: Decimal = Decimal("0")
    wachtenden: int = 0

    @property
    def reden_vol(self) -> str:
        """Why a new request goes on the wachtlijst ("" when there is room)."""
        if self.wachtenden:
            return (
                f"er staan al {self.wachtenden} aanvragen op de wachtlijst voor {self.jaar}"
                if self.wachtenden > 1
                else f"er staat al 1 aanvraag op de wachtlijst voor {self.jaar}"
            )
        if self.plaatsen_over is not None and self.plaatsen_over < 1:
            return f"alle plaatsen voor {self.jaar} zijn bezet"
        if self.budget_over is not None and self.budget_over < self.kosten:
            return f"het budget voor {self.jaar} is op"
        return ""


@dataclass
class Suggestie:
    instrument: InstrumentFeiten
    score: int
    redenen: list[str]
    wachtlijst: bool = False
    wachtlijst_reden: str = ""


@dataclass(frozen=True)
class Uitsluiting:
    instrument: InstrumentFeiten
    reden: str


def _bereik_tekst(van: int, tot: int) -> str:
    return str(van) if van == tot else f"{van} tot en met {tot}"


def beoordeel_instrument(
    persoon: PersoonFeiten,
    instrument: InstrumentFeiten,
    *,
    certificaat_namen: Mapping[str, str] | None = None,
    met_vertrouwelijk: bool = False,
) -> Suggestie | Uitsluiting | None:
    """Suggest, exclude (with the reason) or pass over (None) one instrument."""
    namen = certificaat_namen or {}
    if instrument.vertrouwelijk and not met_vertrouwelijk:
        return None
    if instrument.id in persoon.actieve_instrumenten:
        return Uitsluiting(instrument, "is al aangevraagd of loopt al")
    if (
        instrument.minimum_leeftijd is not None
        and persoon.leeftijd is not None
        and persoon.leeftijd < instrument.minimum_leeftijd
    ):
        return Uitsluiting(
            instrument,
            f"pas vanaf {instrument.minimum_leeftijd} jaar (nu {persoon.leeftijd} jaar)",
        )
    ladder = _bereik_tekst(instrument.trede_van, instrument.trede_tot)
    if persoon.trede is not None and not (
        instrument.trede_van <= persoon.trede <= instrument.trede_tot
    ):
        return Uitsluiting(
            instrument, f"staat op trede {persoon.trede}; dit instrument is voor trede {ladder}"
        )

    bereiken = [b for b in instrument.bereiken if met_vertrouwelijk or not b.vertrouwelijk]
    gescoord = [b for b in bereiken if b.code in persoon.scores]
    binnen = [b for b in gescoord if b.van <= persoon.scores[b.code] <= b.tot]
    if gescoord and not binnen:
        b = gescoord[0]
        return Uitsluiting(
            instrument,
            f"{b.naam}: niveau {persoon.scores[b.code]}; dit instrument is voor niveau "
            f"{_bereik_tekst(b.van, b.tot)}",
        )

    score = 0
    redenen: list[str] = []
    for b in sorted(binnen, key=lambda b: (persoon.scores[b.code], b.naam)):
        niveau = persoon.scores[b.code]
        score += (6 - niveau) * PUNTEN_PER_NIVEAU
        redenen.append(
            f"{b.naam}: niveau {niveau} ({NIVEAU_LABEL.get(niveau, '')}), dit instrument is "
            f"voor niveau {_bereik_tekst(b.van, b.tot)}"
        )
    for b in bereiken:
        if b.code in persoon.belemmeringen:
            blokkeert = persoon.belemmeringen[b.code]
            score += PUNTEN_BELEMMERING + (PUNTEN_BLOKKEERT_WERK if blokkeert else 0)
            redenen.append(
                f"actieve belemmering op {b.naam}" + (" die werk nu blokkeert" if blokkeert else "")
            )
    for code in instrument.certificaten:
        if code in persoon.certificaten or code not in persoon.ontbrekende_certificaten:
            continue
        beroepen = persoon.ontbrekende_certificaten[code]
        score += PUNTEN_CERTIFICAAT
        lijst = ", ".join(beroepen[:3]) + (" en meer" if len(beroepen) > 3 else "")
        redenen.append(f"levert {namen.get(code, code)} op, dat ontbreekt voor {lijst}")
    if (
        instrument.taalniveau_doel
        and persoon.taalniveau != "onbekend"
        and TAAL_RANG.get(persoon.taalniveau, 0) < TAAL_RANG.get(instrument.taalniveau_doel, 0)
    ):
        score += PUNTEN_TAAL
        redenen.append(
            f"taalniveau nu {TAAL_LABEL.get(persoon.taalniveau, persoon.taalniveau)}; dit "
            f"instrument leidt op tot {TAAL_LABEL.get(instrument.taalniveau_doel, '')}"
        )
    for isco, naam in instrument.beroepen:
        if isco in persoon.gewenste_beroepen:
            score += PUNTEN_GEWENST_BEROEP
            redenen.append(f"hoort bij het gewenste beroep {naam}")
    if not redenen:
        return None
    if persoon.trede is not None:
        score += PUNTEN_TREDE
        redenen.append(f"staat op trede {persoon.trede}; dit instrument is voor trede {ladder}")
    return Suggestie(instrument=instrument, score=score, redenen=redenen)


def stel_voor(
    persoon: PersoonFeiten,
    instrumenten: Iterable[InstrumentFeiten],
    beschikbaarheid: Mapping[int, Beschikbaarheid],
    *,
    certificaat_namen: Mapping[str, str] | None = None,
    met_vertrouwelijk: bool = False,
) -> tuple[list[Suggestie], list[Uitsluiting]]:
    """Suggestions ranked by fit (score high to low, then name) and the exclusions."""
    suggesties: list[Suggestie] = []
    uitgesloten: list[Uitsluiting] = []
    for instrument in instrumenten:
        uitkomst = beoordeel_instrument(
            persoon,
            instrument,
            certificaat_namen=certificaat_namen,
            met_vertrouwelijk=met_vertrouwelijk,
        )
        if isinstance(uitkomst, Uitsluiting):
            uitgesloten.append(uitkomst)
        elif uitkomst is not None:
            vrij = beschikbaarheid.get(instrument.id)
            reden = vrij.reden_vol if vrij is not None else ""
            uitkomst.wachtlijst = bool(reden)
            uitkomst.wachtlijst_reden = reden
            suggesties.append(uitkomst)
    suggesties.sort(key=lambda s: (-s.score, s.instrument.naam))
    uitgesloten.sort(key=lambda u: u.instrument.naam)
    return suggesties, uitgesloten
