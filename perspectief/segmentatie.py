"""Proposed perspective segment and dienstverleningsroute: pure, no Django imports.

Seed 000 §3.1 differentiates service intensity: relatively kansrijk jobseekers get light,
digital support; intensive support goes to those with a larger distance but a feasible
perspective; those with a very large distance get perspective discovery; for those for whom
work is not feasible, activation and support without re-integration obligations.

The proposal is only a proposal: the werkcoach decides and records why
(``perspectief.services.besluit_route``). The rules, in this order:

1. no professional measurement (scores and trede) yet -> ``onbepaald``;
2. ``geen_arbeid``: at least ``geen_arbeid_min_acuut`` domains at level 1 (acute), or a trede
   of at most ``geen_arbeid_max_trede`` with an average score of at most
   ``geen_arbeid_max_gemiddelde``;
3. ``kansrijk``: trede at least ``kansrijk_min_trede``, no barrier that blocks work now, no
   domain at level 1 or 2, and an occupation that fits with a score of at least
   ``kansrijk_min_fit``;
4. ``ontdekken``: trede at most ``ontdekken_max_trede``, or no occupation fits with a score
   above ``ontdekken_max_fit``;
5. otherwise ``grotere_afstand`` (larger distance, feasible perspective).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Segment -> proposed hub route (bijstand.dossiers.models.Route values).
SEGMENT_ROUTE: dict[str, str] = {
    "kansrijk": "kansrijk",
    "grotere_afstand": "intensief",
    "ontdekken": "ontdekken",
    "geen_arbeid": "geen_arbeid",
    "onbepaald": "onbepaald",
}


@dataclass(frozen=True)
class Drempels:
    """Thresholds of the proposal (see the module docstring)."""

    kansrijk_min_trede: int = 4
    kansrijk_min_fit: int = 70
    ontdekken_max_trede: int = 2
    ontdekken_max_fit: int = 40
    geen_arbeid_min_acuut: int = 3
    geen_arbeid_max_trede: int = 2
    geen_arbeid_max_gemiddelde: float = 2.0


STANDAARD = Drempels()


@dataclass(frozen=True)
class SegmentVoorstel:
    segment: str
    route: str
    redenen: tuple[str, ...]


def _getal(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _lijst(codes: list[str], namen: Mapping[str, str]) -> str:
    uniek = list(dict.fromkeys(namen.get(c, c) for c in codes))
    return ", ".join(uniek)


def stel_segment_voor(
    *,
    scores: Mapping[str, int],
    trede: int | None,
    blokkerende_belemmeringen: int,
    beste_fit: int | None,
    namen: Mapping[str, str] | None = None,
    drempels: Drempels = STANDAARD,
) -> SegmentVoorstel:
    """Propose a segment (and its route) with the reasons in plain Dutch.

    ``scores`` maps leefgebied code -> latest professional score; ``beste_fit`` is the
    highest occupation score (``matching.Fit.score``) or None without occupations; ``namen``
    maps codes to the names to use in the reasons (pass a neutral name for confidential
    domains, the reasons are shown to everyone who sees the dossier).
    """
    namen = namen or {}

    def voorstel(segment: str, redenen: list[str]) -> SegmentVoorstel:
        return SegmentVoorstel(segment, SEGMENT_ROUTE[segment], tuple(redenen))

    if not scores or trede is None:
        return voorstel("onbepaald", ["Er is nog geen meting met scores en trede."])
    acuut = [c for c, s in scores.items() if s == 1]
    laag = [c for c, s in scores.items() if s <= 2]
    gemiddelde = sum(scores.values()) / len(scores)

    if len(acuut) >= drempels.geen_arbeid_min_acuut:
        return voorstel(
            "geen_arbeid",
            [f"{len(acuut)} leefgebieden met acute problematiek: {_lijst(acuut, namen)}."],
        )
    zwak = gemiddelde <= drempels.geen_arbeid_max_gemiddelde
    if trede <= drempels.geen_arbeid_max_trede and zwak:
        return voorstel(
            "geen_arbeid",
            [
                f"Trede {trede} op de participatieladder en een gemiddelde score van "
                f"{_getal(gemiddelde)} op de leefgebieden."
            ],
        )

    fit_ok = beste_fit is not None and beste_fit >= drempels.kansrijk_min_fit
    if (
        trede >= drempels.kansrijk_min_trede
        and not blokkerende_belemmeringen
        and not laag
        and fit_ok
    ):
        return voorstel(
            "kansrijk",
            [
                f"Trede {trede} op de participatieladder.",
                "Geen belemmering die werk nu blokkeert en geen leefgebied op 1 of 2.",
                f"Er is een passend beroep (score {beste_fit}).",
            ],
        )

    if trede <= drempels.ontdekken_max_trede:
        return voorstel(
            "ontdekken",
            [f"Trede {trede} op de participatieladder: eerst ontdekken wat mogelijk is."],
        )
    if beste_fit is None or beste_fit <= drempels.ontdekken_max_fit:
        tekst = (
            "Er zijn geen beroepen in het uitstroomperspectief."
            if beste_fit is None
            else f"Geen beroep past nog goed (beste score {beste_fit})."
        )
        return voorstel("ontdekken", [tekst])

    redenen = [
        f"Trede {trede} op de participatieladder; een beroep is haalbaar (score {beste_fit})."
    ]
    if blokkerende_belemmeringen:
        redenen.append(
            f"{blokkerende_belemmeringen} belemmering(en) die werk nu blokkeren: eerst oplossen."
        )
    if laag:
        redenen.append(f"Leefgebieden op 1 of 2: {_lijst(laag, namen)}.")
    if trede < drempels.kansrijk_min_trede:
        redenen.append(f"Nog geen trede {drempels.kansrijk_min_trede} of hoger.")
    if not fit_ok:
        redenen.append(f"Nog geen beroep met een score van {drempels.kansrijk_min_fit} of hoger.")
    return voorstel("grotere_afstand", redenen)
