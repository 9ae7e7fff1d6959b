"""Matching one vacancy against every profile, fast enough for 37,500 dossiers.

The fit itself is ``perspectief.matching.beoordeel`` (pure, with the reasons in words). This
module only feeds it, in one SQL query over ``perspectief.Profiel`` (active dossiers only):

1. the query leaves out who cannot be proposed at all: the segment "geen
   arbeidsperspectief", no hours available (0: not available or not known), a barrier that
   blocks work now, work physically heavier than the person can do, people already placed;
2. it reads only the values ``beoordeel`` looks at: language level, physical limit, hours and,
   instead of the JSON lists, whether each list holds the codes this vacancy asks for (its
   certificates and licences, its occupation in experience and wishes);
3. it groups the profiles that are equal in all those values (``GROUP BY``), with the ids of
   their dossiers and werkcoaches as one text each. Profiles equal in every input of a pure
   function get the same fit, so ``beoordeel`` runs once per group (a few hundred) instead of
   once per row, with exactly the result of scoring each row. Nothing is kept between calls,
   so nothing can go stale.

Groups scoring below ``DREMPEL`` are dropped; ``fit.past`` tells a full fit (no gaps) from a
near fit (gaps, each named).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connections
from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    Exists,
    OuterRef,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast

from bijstand.dossiers.models import ACTIEVE_STATUSSEN
from perspectief.matching import FYSIEK_RANG, Eisen, Fit, Kandidaat, beoordeel
from perspectief.models import Profiel, Segment
from perspectief.referentie import CERTIFICATEN

from .models import Plaatsing, Vacature

# A candidate below this score is not shown (too many or too large gaps).
DREMPEL = 50

_LEEG: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Match:
    dossier_id: int
    zichtbaar_voor_werkgevers: bool
    fit: Fit


@dataclass(frozen=True, slots=True)
class Groep:
    """Profiles with the same fit: their dossiers (ascending) and the werkcoach of each (the
    same multiset, not in the same order: for counts per werkcoach)."""

    fit: Fit
    zichtbaar_voor_werkgevers: bool
    dossier_ids: list[int]
    werkcoach_ids: list[int]


class IdLijst(Aggregate):
    """The integer values of a group as one comma-separated text (portable: STRING_AGG on
    PostgreSQL, GROUP_CONCAT on SQLite), parsed back with ``_ids``."""

    function = "STRING_AGG"
    template = "%(function)s(CAST(%(expressions)s AS text), ',')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(%(expressions)s, ',')",
            **extra_context,
        )


def _ids(tekst: str | None) -> list[int]:
    return [int(x) for x in tekst.split(",")] if tekst else []


def eisen_van(vacature: Vacature, isco_code: str | None = None) -> Eisen:
    """The requirements of a vacancy as plain values for ``beoordeel``."""
    return Eisen(
        isco_code=isco_code if isco_code is not None else vacature.beroep.isco_code,
        certificaten=tuple(vacature.certificaten or ()),
        rijbewijzen=tuple(vacature.rijbewijzen or ()),
        taalniveau=vacature.taalniveau,
        fysieke_belasting=vacature.fysieke_belasting,
        uren_per_week_min=vacature.uren_per_week_min,
    )


def kandidaat_van(profiel: Profiel) -> Kandidaat:
    """What one Profiel offers, as plain values for ``beoordeel``."""
    return Kandidaat(
        certificaten=frozenset(profiel.certificaten or ()),
        rijbewijzen=frozenset(profiel.rijbewijzen or ()),
        taalniveau=profiel.taalniveau,
        max_fysieke_belasting=profiel.max_fysieke_belasting,
        uren_per_week=profiel.uren_per_week,
        beroepen_ervaring=frozenset(profiel.beroepen_ervaring or ()),
        gewenste_beroepen=frozenset(profiel.gewenste_beroepen or ()),
        blokkerende_belemmeringen=profiel.blokkerende_belemmeringen,
    )


def beoordeel_profiel(profiel: Profiel, vacature: Vacature) -> Fit:
    return beoordeel(kandidaat_van(profiel), eisen_van(vacature), CERTIFICATEN)


def kandidaat_profielen():
    """Profiles that can be proposed at all (before the requirements of a vacancy): active
    dossier, some hours available, no barrier that blocks work now, a labour perspective, not
    placed already."""
    return (
        Profiel.objects.filter(
            dossier__status__in=ACTIEVE_STATUSSEN,
            blokkerende_belemmeringen=0,
            uren_per_week__gt=0,
        )
        .exclude(segment=Segment.GEEN_ARBEID)
        .exclude(Exists(Plaatsing.objects.filter(dossier_id=OuterRef("dossier_id"))))
    )


def _bevat(kolom: str, code: str, *, postgresql: bool) -> Case:
    """True when the JSON list in ``kolom`` holds ``code``.

    PostgreSQL: jsonb containment (``@>``); elsewhere (SQLite) a text match on the list cast to
    text, quotes included, LIKE wildcards escaped. Both give the same answer for lists of codes.
    """
    conditie = (
        {f"{kolom}__contains": [code]}
        if postgresql
        else {f"_{kolom}_tekst__contains": json.dumps(code)}
    )
    return Case(
        When(**conditie, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def match_groepen(vacature: Vacature, *, alleen_zichtbaar: bool = False) -> list[Groep]:
    """Every group of candidates for ``vacature`` with score >= DREMPEL, best first.

    One query. Reads no names: the caller decides whose names may be shown.
    """
    eisen = eisen_van(vacature)
    nodig = FYSIEK_RANG.get(eisen.fysieke_belasting, 2)
    aankan = [code for code, rang in FYSIEK_RANG.items() if rang >= nodig]
    qs = kandidaat_profielen().filter(max_fysieke_belasting__in=aankan)
    if alleen_zichtbaar:
        qs = qs.filter(zichtbaar_voor_werkgevers=True)
    postgresql = connections[qs.db].vendor == "postgresql"
    if not postgresql:
        qs = qs.annotate(
            **{
                f"_{kolom}_tekst": Cast(kolom, TextField())
                for kolom in (
                    "certificaten",
                    "rijbewijzen",
                    "beroepen_ervaring",
                    "gewenste_beroepen",
                )
            }
        )

    def bevat(kolom: str, code: str) -> Case:
        return _bevat(kolom, code, postgresql=postgresql)

    vlaggen = {
        "_ervaring": bevat("beroepen_ervaring", eisen.isco_code),
        "_wens": bevat("gewenste_beroepen", eisen.isco_code),
    }
    vlaggen.update({f"_c{i}": bevat("certificaten", c) for i, c in enumerate(eisen.certificaten)})
    vlaggen.update({f"_r{i}": bevat("rijbewijzen", c) for i, c in enumerate(eisen.rijbewijzen)})
    sleutel = ("taalniveau", "max_fysieke_belasting", "uren_per_week", *vlaggen)
    rijen = (
        qs.annotate(**vlaggen)
        .values("zichtbaar_voor_werkgevers", *sleutel)
        .annotate(_dossiers=IdLijst("dossier_id"), _coaches=IdLijst("dossier__werkcoach_id"))
        .order_by()
        .values_list("zichtbaar_voor_werkgevers", *sleutel, "_dossiers", "_coaches")
    )
    n_cert = len(eisen.certificaten)
    isco = frozenset([eisen.isco_code]) if eisen.isco_code else _LEEG
    fits: dict[tuple, Fit] = {}
    groepen: list[Groep] = []
    for zichtbaar, taal, fysiek, uren, ervaring, wens, *rest in rijen:
        *heeft, dossiers, coaches = rest
        waarden = (taal, fysiek, uren, ervaring, wens, *heeft)
        fit = fits.get(waarden)
        if fit is None:
            fit = beoordeel(
                Kandidaat(
                    certificaten=frozenset(
                        c for c, h in zip(eisen.certificaten, heeft[:n_cert], strict=True) if h
                    ),
                    rijbewijzen=frozenset(
                        r for r, h in zip(eisen.rijbewijzen, heeft[n_cert:], strict=True) if h
                    ),
                    taalniveau=taal,
                    max_fysieke_belasting=fysiek,
                    uren_per_week=uren,
                    beroepen_ervaring=isco if ervaring else _LEEG,
                    gewenste_beroepen=isco if wens else _LEEG,
                ),
                eisen,
                CERTIFICATEN,
            )
            fits[waarden] = fit
        if fit.score >= DREMPEL:
            groepen.append(Groep(fit, zichtbaar, sorted(_ids(dossiers)), _ids(coaches)))
    groepen.sort(key=lambda g: (-g.fit.score, g.dossier_ids[0]))
    return groepen


def als_lijst(groepen: list[Groep]) -> list[Match]:
    """The candidates one by one, best first (ties: dossier id)."""
    uit = [
        Match(dossier_id, g.zichtbaar_voor_werkgevers, g.fit)
        for g in groepen
        for dossier_id in g.dossier_ids
    ]
    uit.sort(key=lambda m: (-m.fit.score, m.dossier_id))
    return uit


def match_vacature(vacature: Vacature, *, alleen_zichtbaar: bool = False) -> list[Match]:
    """All candidates for ``vacature`` with score >= DREMPEL, best first (ties: dossier id)."""
    return als_lijst(match_groepen(vacature, alleen_zichtbaar=alleen_zichtbaar))
