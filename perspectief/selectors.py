"""Reads of the ontwikkel- and uitstroomperspectief. Other apps use these (keep them stable).

Stable API for other apps (type-hinted, keyword-only where marked):

- :func:`uitstroomperspectief` ``(*, dossier) -> list[BeroepFit]``: the occupations of the
  uitstroomperspectief ranked by fit for one person, each with its gaps and pluspunten;
- :func:`profiel_kandidaat` ``(profiel) -> matching.Kandidaat``: what matching needs from a
  ``Profiel`` (also for vacancies and instruments);
- :func:`laatste_metingen` ``(*, dossier_ids) -> dict[int, MetingOverzicht]``: the latest
  professional measurement per dossier, in bulk (a fixed number of queries per 2,000 ids).

Like the other apps' selectors these do not write the dataverwerkingen log themselves: the
page or API view that shows the data loads the dossier through
``bijstand.dossiers.selectors.dossier_voor_gebruiker`` (which logs) and logs confidential
domains separately (``perspectief.views``). Confidential leefgebieden
(``Leefgebied.vertrouwelijk``) are only returned when the caller passes ``vertrouwelijk=True``,
which it may only do for the dossier's own werkcoach (``dossiers.view_vertrouwelijk``) or the
burger.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bijstand.dossiers.models import Dossier

from . import matching
from .models import (
    Belemmering,
    Beroep,
    Doelscore,
    Leefgebied,
    LeefgebiedScore,
    Meting,
    MetingBron,
    Profiel,
    RouteBesluit,
    Segment,
    Vaardigheid,
)
from .referentie import CERTIFICATEN
from .segmentatie import SegmentVoorstel, stel_segment_voor

BULK_STAP = 2000
VERTROUWELIJK_NAAM = "een vertrouwelijk leefgebied"

# --- uitstroomperspectief -----------------------------------------------------------------


@dataclass(frozen=True)
class BeroepFit:
    """One occupation with the person's fit (``matching.Fit``: score, tekorten, pluspunten)."""

    beroep: Beroep
    fit: matching.Fit

    @property
    def score(self) -> int:
        return self.fit.score

    @property
    def tekorten(self) -> list[str]:
        return self.fit.tekorten

    @property
    def pluspunten(self) -> list[str]:
        return self.fit.pluspunten

    @property
    def past(self) -> bool:
        return self.fit.past


def profiel_kandidaat(profiel: Profiel | None) -> matching.Kandidaat:
    """What matching needs from a Profiel (an empty Kandidaat without a profile)."""
    if profiel is None:
        return matching.Kandidaat()
    return matching.Kandidaat(
        certificaten=frozenset(profiel.certificaten or ()),
        rijbewijzen=frozenset(profiel.rijbewijzen or ()),
        taalniveau=profiel.taalniveau,
        max_fysieke_belasting=profiel.max_fysieke_belasting,
        uren_per_week=profiel.uren_per_week,
        beroepen_ervaring=frozenset(profiel.beroepen_ervaring or ()),
        gewenste_beroepen=frozenset(profiel.gewenste_beroepen or ()),
        blokkerende_belemmeringen=profiel.blokkerende_belemmeringen,
    )


def eisen_van_beroep(beroep: Beroep) -> matching.Eisen:
    return matching.Eisen(
        isco_code=beroep.isco_code,
        certificaten=tuple(beroep.certificaten or ()),
        rijbewijzen=tuple(beroep.rijbewijzen or ()),
        taalniveau=beroep.taalniveau,
        fysieke_belasting=beroep.fysieke_belasting,
        uren_per_week_min=beroep.uren_per_week_min,
    )


def leefgebieden() -> list[Leefgebied]:
    """The leefgebieden in their fixed order (the shared categorisation)."""
    return list(Leefgebied.objects.order_by("nummer"))


def beroepnamen(isco_codes: list[str]) -> dict[str, str]:
    """The names of occupations by ISCO code (one query)."""
    return dict(Beroep.objects.filter(isco_code__in=isco_codes).values_list("isco_code", "naam"))


def perspectief_beroepen() -> list[Beroep]:
    """The occupations ranked in every uitstroomperspectief (active and switched on)."""
    return list(Beroep.objects.filter(actief=True, in_uitstroomperspectief=True).order_by("naam"))


class Ranglijst:
    """Occupations with their requirements prepared once, to rank many profiles quickly."""

    def __init__(self, beroepen: Iterable[Beroep]):
        self.paren = [(beroep, eisen_van_beroep(beroep)) for beroep in beroepen]

    def rangschik(
        self, kandidaat: matching.Kandidaat, *, top: int | None = None
    ) -> list[BeroepFit]:
        """Score high to low, kansrijk first on a tie, then by name."""
        beoordeel = matching.beoordeel
        fits = [
            BeroepFit(beroep, beoordeel(kandidaat, eisen, CERTIFICATEN))
            for beroep, eisen in self.paren
        ]
        fits.sort(key=lambda f: (-f.fit.score, not f.beroep.kansrijk, f.beroep.naam))
        return fits if top is None else fits[:top]


def rangschik(
    kandidaat: matching.Kandidaat, beroepen: Iterable[Beroep], *, top: int | None = None
) -> list[BeroepFit]:
    """Rank occupations by fit: score high to low, kansrijk first on a tie, then by name."""
    return Ranglijst(beroepen).rangschik(kandidaat, top=top)


def profiel_van(dossier: Dossier | int) -> Profiel | None:
    dossier_id = dossier if isinstance(dossier, int) else dossier.pk
    return Profiel.objects.filter(dossier_id=dossier_id).first()


def uitstroomperspectief(
    *,
    dossier: Dossier | int,
    profiel: Profiel | None = None,
    beroepen: list[Beroep] | None = None,
) -> list[BeroepFit]:
    """The occupations of the uitstroomperspectief ranked by fit for ``dossier``.

    Two queries (profile, occupations); pass ``profiel`` and/or ``beroepen`` when already
    loaded. Without a Profiel the person is matched as an empty profile (every gap shows).
    """
    if profiel is None:
        profiel = profiel_van(dossier)
    if beroepen is None:
        beroepen = perspectief_beroepen()
    return rangschik(profiel_kandidaat(profiel), beroepen)


# Profiel columns that matching reads, for bulk loads without model instances.
_KANDIDAAT_VELDEN = (
    "dossier_id",
    "certificaten",
    "rijbewijzen",
    "taalniveau",
    "max_fysieke_belasting",
    "uren_per_week",
    "beroepen_ervaring",
    "gewenste_beroepen",
    "blokkerende_belemmeringen",
)


def kandidaten(qs: QuerySet[Profiel] | None = None) -> Iterator[tuple[int, matching.Kandidaat]]:
    """(dossier_id, Kandidaat) for every profile in ``qs`` (default: all), streamed from one
    query without building model instances (vacancy matching, benchmarks)."""
    qs = Profiel.objects.all() if qs is None else qs
    for (
        dossier_id,
        cert,
        rijb,
        taal,
        fysiek,
        uren,
        ervaring,
        wens,
        blok,
    ) in qs.order_by().values_list(*_KANDIDAAT_VELDEN).iterator(chunk_size=5000):
        yield (
            dossier_id,
            matching.Kandidaat(
                certificaten=frozenset(cert or ()),
                rijbewijzen=frozenset(rijb or ()),
                taalniveau=taal,
                max_fysieke_belasting=fysiek,
                uren_per_week=uren,
                beroepen_ervaring=frozenset(ervaring or ()),
                gewenste_beroepen=frozenset(wens or ()),
                blokkerende_belemmeringen=blok,
            ),
        )


def rangschik_alle(
    *, qs: QuerySet[Profiel] | None = None, top: int = 3
) -> Iterator[tuple[int, list[BeroepFit]]]:
    """The ``top`` best occupations for every profile: one query for the profiles, one for
    the occupations, matching in Python."""
    ranglijst = Ranglijst(perspectief_beroepen())
    for dossier_id, kandidaat in kandidaten(qs):
        yield dossier_id, ranglijst.rangschik(kandidaat, top=top)


@dataclass(frozen=True)
class Ervaring:
    """The experience that counts: occupations with experience and skills with their source."""

    beroepen: list[Beroep]
    gewenst: list[Beroep]


def ervaring_van(profiel: Profiel | None) -> Ervaring:
    """Occupations (by ISCO code) in which the person has experience or wants to work."""
    if profiel is None or not (profiel.beroepen_ervaring or profiel.gewenste_beroepen):
        return Ervaring([], [])
    codes = set(profiel.beroepen_ervaring or ()) | set(profiel.gewenste_beroepen or ())
    per_code: dict[str, Beroep] = {}
    for beroep in Beroep.objects.filter(isco_code__in=codes, actief=True).order_by(
        "-in_uitstroomperspectief", "naam"
    ):
        per_code.setdefault(beroep.isco_code, beroep)
    return Ervaring(
        beroepen=[per_code[c] for c in profiel.beroepen_ervaring or () if c in per_code],
        gewenst=[per_code[c] for c in profiel.gewenste_beroepen or () if c in per_code],
    )


def vaardigheden_van(*, dossier_id: int) -> QuerySet[Vaardigheid]:
    return Vaardigheid.objects.filter(dossier_id=dossier_id).order_by("-vastgesteld_op", "naam")


# --- ontwikkelperspectief -----------------------------------------------------------------


@dataclass(frozen=True)
class MetingOverzicht:
    """The latest professional measurement of one dossier, as plain values."""

    meting_id: int
    datum: datetime.date
    bron: str
    trede: int | None
    scores: dict[str, int]


def laatste_metingen(
    *, dossier_ids: Iterable[int], vertrouwelijk: bool = False
) -> dict[int, MetingOverzicht]:
    """The latest professional measurement (not a zelfbeoordeling) per dossier, in bulk.

    Two queries per 2,000 dossier ids. Dossiers without a measurement are missing from the
    result. Scores of confidential leefgebieden only with ``vertrouwelijk=True``.
    """
    ids = sorted(set(dossier_ids))
    uit: dict[int, MetingOverzicht] = {}
    for i in range(0, len(ids), BULK_STAP):
        deel = ids[i : i + BULK_STAP]
        laatste: dict[int, tuple] = {}
        for rij in (
            Meting.objects.filter(dossier_id__in=deel)
            .exclude(bron=MetingBron.ZELFBEOORDELING)
            .order_by("dossier_id", "-datum", "-id")
            .values_list("dossier_id", "id", "datum", "bron", "trede")
        ):
            laatste.setdefault(rij[0], rij)
        scores: dict[int, dict[str, int]] = {rij[1]: {} for rij in laatste.values()}
        score_qs = LeefgebiedScore.objects.filter(meting_id__in=list(scores))
        if not vertrouwelijk:
            score_qs = score_qs.filter(leefgebied__vertrouwelijk=False)
        for meting_id, code, score in score_qs.values_list(
            "meting_id", "leefgebied__code", "score"
        ):
            scores[meting_id][code] = score
        for dossier_id, meting_id, datum, bron, trede in laatste.values():
            uit[dossier_id] = MetingOverzicht(meting_id, datum, bron, trede, scores[meting_id])
    return uit


def _met_scores() -> Prefetch:
    return Prefetch("scores", queryset=LeefgebiedScore.objects.select_related("leefgebied"))


def metingen_van(*, dossier_id: int) -> QuerySet[Meting]:
    """All measurements of a dossier, newest first, with their scores and author."""
    return (
        Meting.objects.filter(dossier_id=dossier_id)
        .select_related("vastgelegd_door")
        .prefetch_related(_met_scores())
        .order_by("-datum", "-id")
    )


def meting_scores(meting: Meting | None, *, vertrouwelijk: bool) -> dict[str, int]:
    """code -> score of a measurement loaded with its scores (prefetched)."""
    if meting is None:
        return {}
    return {
        s.leefgebied.code: s.score
        for s in meting.scores.all()
        if vertrouwelijk or not s.leefgebied.vertrouwelijk
    }


@dataclass
class ScoreRij:
    """One leefgebied in the ontwikkelperspectief table."""

    leefgebied: Leefgebied
    verborgen: bool
    scores: list[int | None]  # per measurement in ``Ontwikkelperspectief.metingen``
    zelf: int | None
    doel: Doelscore | None

    @property
    def huidig(self) -> int | None:
        return self.scores[-1] if self.scores else None

    @property
    def vorige(self) -> int | None:
        return self.scores[-2] if len(self.scores) > 1 else None

    @property
    def stap(self) -> int | None:
        """Change since the previous measurement (positive = a step up)."""
        if self.huidig is None or self.vorige is None:
            return None
        return self.huidig - self.vorige

    @property
    def doel_gehaald(self) -> bool:
        return self.doel is not None and self.huidig is not None and self.huidig >= self.doel.score


@dataclass
class Ontwikkelperspectief:
    metingen: list[Meting]  # professional, oldest first (the latest ``aantal``)
    zelfbeoordeling: Meting | None
    rijen: list[ScoreRij]
    doelen: list[Doelscore]
    toont_vertrouwelijk: bool
    aantal_verborgen: int = 0
    trede_verloop: list[tuple[datetime.date, int | None]] = field(default_factory=list)

    @property
    def huidige(self) -> Meting | None:
        return self.metingen[-1] if self.metingen else None

    def namen(self) -> dict[str, str]:
        """code -> name for texts (``leefgebied_namen`` without a query)."""
        return {
            r.leefgebied.code: VERTROUWELIJK_NAAM if r.verborgen else r.leefgebied.naam
            for r in self.rijen
        }

    @property
    def streefdatum(self) -> datetime.date | None:
        return max((d.streefdatum for d in self.doelen), default=None)

    def grafiek(self, *, burger: bool = False) -> dict[str, Any]:
        """Chart data (for ``json_script``): leefgebieden as labels; the previous and the
        current measurement, the targets and the self-assessment as datasets. Hidden
        (confidential) domains are left out."""
        rijen = [r for r in self.rijen if not r.verborgen]
        labels = [r.leefgebied.burger_label if burger else r.leefgebied.naam for r in rijen]
        datasets = []
        n = len(self.metingen)
        for index in range(max(0, n - 2), n):
            meting = self.metingen[index]
            soort = "huidig" if index == n - 1 else "vorig"
            label = (
                ("Nu" if burger else "Huidige meting")
                if soort == "huidig"
                else ("Vorige keer" if burger else "Vorige meting")
            )
            datasets.append(
                {
                    "soort": soort,
                    "label": f"{label} ({meting.datum:%d-%m-%Y})",
                    "data": [r.scores[index] for r in rijen],
                }
            )
        if any(r.doel for r in rijen):
            datasets.append(
                {
                    "soort": "doel",
                    "label": ("Doel" if burger else "Doelscore")
                    + (f" ({self.streefdatum:%d-%m-%Y})" if self.streefdatum else ""),
                    "data": [r.doel.score if r.doel else None for r in rijen],
                }
            )
        if self.zelfbeoordeling is not None and any(r.zelf for r in rijen):
            datasets.append(
                {
                    "soort": "zelf",
                    "label": ("Wat ik zelf vind" if burger else "Zelfbeoordeling")
                    + f" ({self.zelfbeoordeling.datum:%d-%m-%Y})",
                    "data": [r.zelf for r in rijen],
                }
            )
        return {"labels": labels, "datasets": datasets, "min": 1, "max": 5}


def ontwikkelperspectief(
    *, dossier: Dossier | int, vertrouwelijk: bool, aantal: int = 4
) -> Ontwikkelperspectief:
    """Scores of the latest ``aantal`` professional measurements per leefgebied, with the
    targets and the latest self-assessment beside them. Six queries, whatever the history.

    ``vertrouwelijk``: include confidential domains (own werkcoach or the burger only);
    otherwise their rows are marked ``verborgen`` and carry no scores.
    """
    dossier_id = dossier if isinstance(dossier, int) else dossier.pk
    leefgebieden = list(Leefgebied.objects.order_by("nummer"))
    metingen = list(
        Meting.objects.filter(dossier_id=dossier_id)
        .exclude(bron=MetingBron.ZELFBEOORDELING)
        .prefetch_related(_met_scores())
        .order_by("-datum", "-id")[:aantal]
    )
    metingen.reverse()
    zelf = (
        Meting.objects.filter(dossier_id=dossier_id, bron=MetingBron.ZELFBEOORDELING)
        .prefetch_related(_met_scores())
        .order_by("-datum", "-id")
        .first()
    )
    doelen = {
        d.leefgebied_id: d
        for d in Doelscore.objects.filter(dossier_id=dossier_id).select_related("leefgebied")
    }
    per_meting = [{s.leefgebied_id: s.score for s in m.scores.all()} for m in metingen]
    zelf_scores = {s.leefgebied_id: s.score for s in zelf.scores.all()} if zelf else {}
    rijen = []
    verborgen = 0
    for lg in leefgebieden:
        verbergen = lg.vertrouwelijk and not vertrouwelijk
        verborgen += verbergen
        rijen.append(
            ScoreRij(
                leefgebied=lg,
                verborgen=verbergen,
                scores=[None if verbergen else s.get(lg.pk) for s in per_meting],
                zelf=None if verbergen else zelf_scores.get(lg.pk),
                doel=None if verbergen else doelen.get(lg.pk),
            )
        )
    return Ontwikkelperspectief(
        metingen=metingen,
        zelfbeoordeling=zelf,
        rijen=rijen,
        doelen=[d for d in doelen.values() if vertrouwelijk or not d.leefgebied.vertrouwelijk],
        toont_vertrouwelijk=vertrouwelijk,
        aantal_verborgen=verborgen,
        trede_verloop=[(m.datum, m.trede) for m in metingen],
    )


def belemmeringen_van(*, dossier_id: int, vertrouwelijk: bool) -> QuerySet[Belemmering]:
    """Barriers of a dossier, active first; confidential domains only with ``vertrouwelijk``."""
    qs = Belemmering.objects.filter(dossier_id=dossier_id).select_related("leefgebied")
    if not vertrouwelijk:
        qs = qs.filter(leefgebied__vertrouwelijk=False)
    return qs.order_by("-actief", "-blokkeert_werk", "-sinds", "-id")


def belemmering_van_dossier(*, dossier_id: int, pk: int) -> Belemmering | None:
    return (
        Belemmering.objects.filter(dossier_id=dossier_id, pk=pk)
        .select_related("leefgebied")
        .first()
    )


# --- segment and route --------------------------------------------------------------------


def leefgebied_namen(*, vertrouwelijk: bool) -> dict[str, str]:
    """code -> name for texts; confidential domains get a neutral name unless allowed."""
    return {
        code: naam if vertrouwelijk or not geheim else VERTROUWELIJK_NAAM
        for code, naam, geheim in Leefgebied.objects.values_list("code", "naam", "vertrouwelijk")
    }


def segment_voorstel(
    *, profiel: Profiel | None, fits: list[BeroepFit], namen: Mapping[str, str] | None = None
) -> SegmentVoorstel:
    """The proposed segment and route (``perspectief.segmentatie``) for a profile.

    ``namen``: leefgebied names for the reasons (default: confidential ones neutral).
    """
    if namen is None:
        namen = leefgebied_namen(vertrouwelijk=False)
    if profiel is None:
        return stel_segment_voor(scores={}, trede=None, blokkerende_belemmeringen=0, beste_fit=None)
    return stel_segment_voor(
        scores=profiel.scores or {},
        trede=profiel.trede,
        blokkerende_belemmeringen=profiel.blokkerende_belemmeringen,
        beste_fit=max((f.score for f in fits), default=None),
        namen=namen,
    )


def routebesluiten_van(*, dossier_id: int) -> QuerySet[RouteBesluit]:
    return (
        RouteBesluit.objects.filter(dossier_id=dossier_id)
        .select_related("besloten_door")
        .order_by("-besloten_op", "-id")
    )


def segment_label(waarde: str) -> str:
    return str(dict(Segment.choices).get(waarde, waarde))


# --- texts for the burger (B1) ------------------------------------------------------------

_TAAL_B1 = {"onder_1f": "basis", "1f": "1F", "2f": "2F", "hoger": "hoger dan 2F"}
_FYSIEK_B1 = {
    "licht": gettext_lazy("licht"),
    "middel": gettext_lazy("best zwaar"),
    "zwaar": gettext_lazy("zwaar"),
}


def tekort_in_b1(gat: matching.Gat) -> str:
    """One gap in plain words (B1) for the burgerportaal."""
    if gat.soort == "certificaat":
        return _("U heeft nog geen diploma of certificaat: %(naam)s.") % {
            "naam": CERTIFICATEN.get(gat.nodig, gat.nodig)
        }
    if gat.soort == "rijbewijs":
        return _("U heeft rijbewijs %(code)s nodig.") % {"code": gat.nodig}
    if gat.soort == "taal":
        return _("U moet beter Nederlands leren. Voor dit werk is niveau %(niveau)s nodig.") % {
            "niveau": _TAAL_B1.get(gat.nodig, gat.nodig)
        }
    if gat.soort == "fysiek":
        return _("Dit werk is %(zwaar)s voor uw lichaam.") % {
            "zwaar": _FYSIEK_B1.get(gat.nodig, gat.nodig)
        }
    if gat.soort == "uren":
        return _(
            "Voor dit werk moet u minstens %(nodig)s uur per week werken. Nu kunt u %(heeft)s uur."
        ) % {"nodig": gat.nodig, "heeft": gat.heeft}
    return _("Eerst moet een probleem worden opgelost. Uw werkcoach helpt u daarbij.")


def pluspunten_in_b1(fit: BeroepFit, kandidaat: matching.Kandidaat) -> list[str]:
    uit = []
    if fit.beroep.isco_code in kandidaat.beroepen_ervaring:
        uit.append(_("U heeft al ervaring met dit werk."))
    if fit.beroep.isco_code in kandidaat.gewenste_beroepen:
        uit.append(_("U wilt dit werk graag doen."))
    return uit
