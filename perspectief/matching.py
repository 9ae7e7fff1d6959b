"""Pure fit of a person's profile against an occupation's or a vacancy's requirements.

No Django imports: plain values in, a score with its reasons in words out. Used by the
uitstroomperspectief (person x occupations), by vacancy matching (vacancy x all profiles) and by
instrument suggestions (the gaps point to training). Keep it fast: it runs 37,500 times for one
vacancy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

# Same order as perspectief.models.TAALNIVEAU_RANG / FYSIEK_RANG (kept here to stay Django-free).
TAAL_RANG = {"onbekend": 0, "onder_1f": 1, "1f": 2, "2f": 3, "hoger": 4}
TAAL_LABEL = {
    "onbekend": "onbekend",
    "onder_1f": "onder 1F",
    "1f": "1F",
    "2f": "2F",
    "hoger": "hoger dan 2F",
}
FYSIEK_RANG = {"licht": 1, "middel": 2, "zwaar": 3}
FYSIEK_LABEL = {"licht": "licht", "middel": "middelzwaar", "zwaar": "zwaar"}


@dataclass(frozen=True)
class Eisen:
    """What an occupation or vacancy asks."""

    isco_code: str = ""
    certificaten: tuple[str, ...] = ()
    rijbewijzen: tuple[str, ...] = ()
    taalniveau: str = "onder_1f"
    fysieke_belasting: str = "middel"
    uren_per_week_min: int = 0


@dataclass(frozen=True)
class Kandidaat:
    """What a profile offers (from perspectief.models.Profiel)."""

    certificaten: frozenset[str] = frozenset()
    rijbewijzen: frozenset[str] = frozenset()
    taalniveau: str = "onbekend"
    max_fysieke_belasting: str = "zwaar"
    uren_per_week: int = 0
    beroepen_ervaring: frozenset[str] = frozenset()
    gewenste_beroepen: frozenset[str] = frozenset()
    blokkerende_belemmeringen: int = 0


class Gat(NamedTuple):
    """One gap in structured form, for texts in other words (the burgerportaal in B1).

    ``soort``: "certificaat", "rijbewijs", "taal", "fysiek", "uren" or "belemmering";
    ``nodig`` what the occupation asks (a code, a level or hours), ``heeft`` what the person has.
    (A NamedTuple: cheap to make, matching runs hundreds of thousands of times.)
    """

    soort: str
    nodig: str = ""
    heeft: str = ""


@dataclass
class Fit:
    """score 0-100 (higher is better); tekorten and pluspunten in plain Dutch.

    ``gaten`` holds the same gaps as ``tekorten``, in the same order, as structured values.
    """

    score: int
    tekorten: list[str] = field(default_factory=list)
    pluspunten: list[str] = field(default_factory=list)
    ontbrekende_certificaten: list[str] = field(default_factory=list)
    gaten: list[Gat] = field(default_factory=list)

    @property
    def past(self) -> bool:
        return not self.tekorten


def beoordeel(
    kandidaat: Kandidaat, eisen: Eisen, certificaat_namen: dict[str, str] | None = None
) -> Fit:
    """Score how well ``kandidaat`` fits ``eisen`` and explain every gap.

    Start at 100; each gap costs points (a missing licence or certificate 20, language 15 per
    level, physical demand 25, hours 10, a barrier that blocks work now 30); experience in the
    occupation adds 15 and a wish adds 10, capped at 100.
    """
    namen = certificaat_namen or {}
    score = 100
    tekorten: list[str] = []
    gaten: list[Gat] = []
    plus: list[str] = []
    ontbrekend = [c for c in eisen.certificaten if c not in kandidaat.certificaten]
    for code in ontbrekend:
        tekorten.append(f"mist {namen.get(code, code)}")
        gaten.append(Gat("certificaat", code))
        score -= 20
    for rijbewijs in eisen.rijbewijzen:
        if rijbewijs not in kandidaat.rijbewijzen:
            tekorten.append(f"rijbewijs {rijbewijs} nodig")
            gaten.append(Gat("rijbewijs", rijbewijs))
            score -= 20
    nodig = TAAL_RANG.get(eisen.taalniveau, 0)
    heeft = TAAL_RANG.get(kandidaat.taalniveau, 0)
    if heeft < nodig:
        tekorten.append(
            f"taalniveau {TAAL_LABEL.get(eisen.taalniveau, eisen.taalniveau)} nodig, "
            f"nu {TAAL_LABEL.get(kandidaat.taalniveau, kandidaat.taalniveau)}"
        )
        gaten.append(Gat("taal", eisen.taalniveau, kandidaat.taalniveau))
        score -= 15 * (nodig - heeft)
    if FYSIEK_RANG.get(eisen.fysieke_belasting, 2) > FYSIEK_RANG.get(
        kandidaat.max_fysieke_belasting, 3
    ):
        tekorten.append(
            f"werk is {FYSIEK_LABEL.get(eisen.fysieke_belasting, eisen.fysieke_belasting)}, "
            f"kan maximaal {FYSIEK_LABEL.get(kandidaat.max_fysieke_belasting, '')}"
        )
        gaten.append(Gat("fysiek", eisen.fysieke_belasting, kandidaat.max_fysieke_belasting))
        score -= 25
    if eisen.uren_per_week_min and kandidaat.uren_per_week < eisen.uren_per_week_min:
        tekorten.append(
            f"minimaal {eisen.uren_per_week_min} uur per week, nu {kandidaat.uren_per_week} uur"
        )
        gaten.append(Gat("uren", str(eisen.uren_per_week_min), str(kandidaat.uren_per_week)))
        score -= 10
    if kandidaat.blokkerende_belemmeringen:
        tekorten.append("eerst een belemmering oplossen die werk nu blokkeert")
        gaten.append(Gat("belemmering", "", str(kandidaat.blokkerende_belemmeringen)))
        score -= 30
    if eisen.isco_code and eisen.isco_code in kandidaat.beroepen_ervaring:
        plus.append("heeft ervaring in dit beroep")
        score += 15
    if eisen.isco_code and eisen.isco_code in kandidaat.gewenste_beroepen:
        plus.append("wil dit werk graag doen")
        score += 10
    return Fit(
        score=max(0, min(100, score)),
        tekorten=tekorten,
        pluspunten=plus,
        ontbrekende_certificaten=ontbrekend,
        gaten=gaten,
    )
