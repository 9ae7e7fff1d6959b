"""Reads of the werkgeversdienstverlening. Reads of a person's data write the dataverwerkingen
log (activity "reintegratie"; in the portal "portaal").

Privacy of candidates (``kandidaten_voor_vacature``): matching runs over every profile, but
names leave this module only for dossiers in the user's own scope (``dossiers.scope``: the own
caseload and a formally substituted colleague's); for every other caseload only counts per
werkcoach. Counts are aggregates and are not logged; every person whose name (or anonymous job
profile) is shown gets a log line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone

from bijstand.accounts.models import Rol, User
from bijstand.core.crypto import pseudoniem
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier
from bijstand.dossiers.scope import dossier_scope_q
from bijstand.logboek.services import log_verwerking
from perspectief.matching import FYSIEK_RANG, TAAL_RANG, Fit, beoordeel
from perspectief.models import Beroep, Profiel
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN

from .matching import DREMPEL, Match, eisen_van, kandidaat_van, match_groepen, match_vacature
from .models import (
    LOPENDE_STATUSSEN,
    Plaatsing,
    SroiAfspraak,
    Vacature,
    VacatureStatus,
    Voordracht,
    Werkgever,
)

PAGINA_GROOTTE = 25
KANDIDATEN_PAGINA_GROOTTE = 20
SOORTEN_KANDIDAAT = ("identificatie", "werkprofiel")


# --- werkgevers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WerkgeverFilters:
    zoek: str = ""
    inclusief: bool | None = None
    met_sroi: bool | None = None
    actief: bool | None = True


def _open_vacatures_per_werkgever() -> Any:
    return Coalesce(
        Subquery(
            Vacature.objects.filter(werkgever=OuterRef("pk"), status=VacatureStatus.OPEN)
            .order_by()
            .values("werkgever")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def werkgevers_queryset(*, filters: WerkgeverFilters) -> QuerySet[Werkgever]:
    qs = Werkgever.objects.all()
    zoek = filters.zoek.strip()
    if zoek:
        qs = qs.filter(Q(naam__icontains=zoek) | Q(kvk_nummer=zoek.replace(" ", "")))
    if filters.inclusief is not None:
        qs = qs.filter(inclusief=filters.inclusief)
    if filters.met_sroi is not None:
        met = Q(pk__in=SroiAfspraak.objects.values("werkgever_id"))
        qs = qs.filter(met if filters.met_sroi else ~met)
    if filters.actief is not None:
        qs = qs.filter(actief=filters.actief)
    return qs.annotate(open_vacatures=_open_vacatures_per_werkgever()).order_by("naam", "pk")


def werkgever_of_404(*, pk: int) -> Werkgever:
    try:
        return Werkgever.objects.prefetch_related("contactpersonen").get(pk=pk)
    except Werkgever.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class SroiVoortgang:
    afspraak: SroiAfspraak
    gerealiseerd: int

    @property
    def procent(self) -> int:
        return min(100, round(100 * self.gerealiseerd / self.afspraak.aantal_plaatsingen))


def sroi_voortgang(*, werkgever: Werkgever) -> list[SroiVoortgang]:
    """Each SROI agreement with the placements at this employer that started in its period."""
    gerealiseerd = Coalesce(
        Subquery(
            Plaatsing.objects.filter(
                vacature__werkgever_id=OuterRef("werkgever_id"),
                startdatum__gte=OuterRef("van"),
                startdatum__lte=OuterRef("tot"),
            )
            .order_by()
            .values("vacature__werkgever_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    return [
        SroiVoortgang(a, a.gerealiseerd)
        for a in SroiAfspraak.objects.filter(werkgever=werkgever).annotate(
            gerealiseerd=gerealiseerd
        )
    ]


# --- vacatures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VacatureFilters:
    status: str = ""
    beroep: int | None = None
    wijk: int | None = None
    werkgever: int | None = None
    garantiebaan: bool | None = None
    zoek: str = ""


def _met_tellingen(qs: QuerySet[Vacature]) -> QuerySet[Vacature]:
    geplaatst = Coalesce(
        Subquery(
            Plaatsing.objects.filter(vacature=OuterRef("pk"))
            .order_by()
            .values("vacature")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    lopend = Coalesce(
        Subquery(
            Voordracht.objects.filter(vacature=OuterRef("pk"), status__in=LOPENDE_STATUSSEN)
            .order_by()
            .values("vacature")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    return qs.annotate(aantal_geplaatst=geplaatst, aantal_lopend=lopend)


def vacatures_queryset(*, filters: VacatureFilters) -> QuerySet[Vacature]:
    qs = Vacature.objects.all()
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.beroep:
        qs = qs.filter(beroep_id=filters.beroep)
    if filters.wijk:
        qs = qs.filter(wijk_id=filters.wijk)
    if filters.werkgever:
        qs = qs.filter(werkgever_id=filters.werkgever)
    if filters.garantiebaan is not None:
        qs = qs.filter(garantiebaan=filters.garantiebaan)
    zoek = filters.zoek.strip()
    if zoek:
        qs = qs.filter(Q(titel__icontains=zoek) | Q(werkgever__naam__icontains=zoek))
    return _met_tellingen(qs.select_related("werkgever", "beroep", "wijk")).order_by(
        "-aangemaakt_op", "-pk"
    )


def vacature_of_404(*, pk: int) -> Vacature:
    try:
        return _met_tellingen(
            Vacature.objects.select_related("werkgever", "beroep", "wijk", "aangemaakt_door")
        ).get(pk=pk)
    except Vacature.DoesNotExist as exc:
        raise Http404 from exc


def is_verlopen(vacature: Vacature, vandaag: date | None = None) -> bool:
    vandaag = vandaag or timezone.localdate()
    return vacature.sluitdatum is not None and vacature.sluitdatum < vandaag


def eisen_in_woorden(vacature: Vacature) -> dict[str, Any]:
    """Certificate and licence names of a vacancy, for display."""
    return {
        "certificaten": [CERTIFICATEN.get(c, c) for c in vacature.certificaten or []],
        "rijbewijzen": [RIJBEWIJZEN.get(c, c) for c in vacature.rijbewijzen or []],
    }


# --- kandidaten ---------------------------------------------------------------------------


def kandidaatcode(vacature_id: int, dossier_id: int) -> str:
    """A per-vacancy code for a candidate: the same person has a different code per vacancy,
    so employers cannot link profiles across vacancies; the werkcoach sees it beside the name,
    so an employer's choice ("K-3F9A21") reaches the right werkcoach."""
    return "K-" + pseudoniem(f"vacatures:kandidaat:{vacature_id}:{dossier_id}")[:6].upper()


@dataclass
class EigenKandidaat:
    dossier: Dossier
    fit: Fit
    code: str
    zichtbaar_voor_werkgevers: bool
    voordracht: Voordracht | None = None


@dataclass
class CollegaTelling:
    werkcoach: User
    passend: int
    bijna: int


@dataclass
class Kandidaten:
    """The candidates of a vacancy as one user may see them."""

    eigen: Page
    collegas: Page
    totaal_passend: int
    totaal_bijna: int
    eigen_passend: int
    eigen_bijna: int
    namen_zichtbaar: bool
    extra: dict = field(default_factory=dict)


def _namen_scope(user: User) -> Q | None:
    """Q on Dossier whose names ``user`` may see in candidate lists, or None (counts only).

    Only a werkconsulent sees names: of their own caseload and of a colleague they formally
    substitute today. A teamleider steers on counts.
    """
    if getattr(user, "rol", None) != Rol.WERKCONSULENT:
        return None
    return dossier_scope_q(user)


def kandidaten_voor_vacature(
    *,
    vacature: Vacature,
    user: User,
    request: Any = None,
    pagina_eigen: int | str = 1,
    pagina_collegas: int | str = 1,
) -> Kandidaten:
    """Ranked candidates: names for the user's own scope, counts per colleague elsewhere.

    Queries: the match (1), the own scope's dossier ids (1), the page of own candidates with
    their names (1) and their proposals for this vacancy (1), the page of colleagues (1).
    """
    groepen = match_groepen(vacature)
    scope = _namen_scope(user)
    eigen_coach: dict[int, int] = {}  # own dossier -> its werkcoach (the user or substituted)
    if scope is not None:
        eigen_coach = dict(
            Dossier.objects.filter(scope, status__in=ACTIEVE_STATUSSEN).values_list(
                "pk", "werkcoach_id"
            )
        )
    eigen_ids = eigen_coach.keys()
    # Counts per werkcoach (C-speed Counters over the id lists), own candidates by set
    # intersection: no loop in Python over the tens of thousands of matches.
    passend: Counter[int] = Counter()
    bijna: Counter[int] = Counter()
    eigen: list[Match] = []
    totaal_passend = totaal = 0
    for g in groepen:
        (passend if g.fit.past else bijna).update(g.werkcoach_ids)
        totaal += len(g.dossier_ids)
        totaal_passend += len(g.dossier_ids) if g.fit.past else 0
        if eigen_ids:
            eigen += [
                Match(d, g.zichtbaar_voor_werkgevers, g.fit) for d in eigen_ids & set(g.dossier_ids)
            ]
    eigen.sort(key=lambda m: (-m.fit.score, m.dossier_id))
    eigen_passend = sum(1 for m in eigen if m.fit.past)
    # The own candidates are not counted under their werkcoach (the user or a substituted
    # colleague): they are listed by name.
    for m in eigen:
        (passend if m.fit.past else bijna)[eigen_coach[m.dossier_id]] -= 1
    per_coach = {
        pk: (passend[pk], bijna[pk]) for pk in set(passend) | set(bijna) if passend[pk] + bijna[pk]
    }

    eigen_pagina = Paginator(eigen, KANDIDATEN_PAGINA_GROOTTE).get_page(pagina_eigen)
    op_pagina = list(eigen_pagina.object_list)
    if op_pagina:
        dossiers = Dossier.objects.select_related("werkzoekende", "werkzoekende__wijk").in_bulk(
            [m.dossier_id for m in op_pagina]
        )
        voordrachten = {
            v.dossier_id: v
            for v in Voordracht.objects.filter(
                vacature=vacature, dossier_id__in=[m.dossier_id for m in op_pagina]
            ).order_by("voorgedragen_op", "pk")
        }
        eigen_pagina.object_list = [
            EigenKandidaat(
                dossier=dossiers[m.dossier_id],
                fit=m.fit,
                code=kandidaatcode(vacature.pk, m.dossier_id),
                zichtbaar_voor_werkgevers=m.zichtbaar_voor_werkgevers,
                voordracht=voordrachten.get(m.dossier_id),
            )
            for m in op_pagina
        ]
        log_verwerking(
            activiteit="reintegratie",
            operatie="bekijk_kandidaten_vacature",
            subjects=[k.dossier.werkzoekende.log_subject for k in eigen_pagina.object_list],
            soorten_gegevens=SOORTEN_KANDIDAAT,
            actor=user,
            request=request,
        )

    tellingen = sorted(per_coach.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    collega_pagina = Paginator(tellingen, KANDIDATEN_PAGINA_GROOTTE).get_page(pagina_collegas)
    if collega_pagina.object_list:
        coaches = User.objects.select_related("team").in_bulk(
            [pk for pk, _t in collega_pagina.object_list]
        )
        collega_pagina.object_list = [
            CollegaTelling(werkcoach=coaches[pk], passend=t[0], bijna=t[1])
            for pk, t in collega_pagina.object_list
        ]
    return Kandidaten(
        eigen=eigen_pagina,
        collegas=collega_pagina,
        totaal_passend=totaal_passend,
        totaal_bijna=totaal - totaal_passend,
        eigen_passend=eigen_passend,
        eigen_bijna=len(eigen) - eigen_passend,
        namen_zichtbaar=scope is not None,
    )


@dataclass
class AnoniemProfiel:
    """What an employer may see of a person who opted in: no name, BSN, address or contact."""

    code: str
    fit: Fit
    ervaring: list[str]
    certificaten: list[str]
    rijbewijzen: list[str]
    taalniveau: str
    uren_per_week: int
    max_fysieke_belasting: str


def anonieme_profielen(
    *, vacature: Vacature, user: Any, request: Any = None, pagina: int | str = 1
) -> Page:
    """Job profiles of people who made theirs visible to employers, fitting ``vacature``.

    Shown anonymously (a per-vacancy code); each person shown is logged.
    """
    matches = match_vacature(vacature, alleen_zichtbaar=True)
    page = Paginator(matches, KANDIDATEN_PAGINA_GROOTTE).get_page(pagina)
    op_pagina = list(page.object_list)
    if not op_pagina:
        return page
    profielen = {
        p.dossier_id: p
        for p in Profiel.objects.filter(
            dossier_id__in=[m.dossier_id for m in op_pagina], zichtbaar_voor_werkgevers=True
        ).select_related("dossier__werkzoekende")
    }
    beroepen = dict(Beroep.objects.values_list("isco_code", "naam"))
    uit = []
    for m in op_pagina:
        p = profielen.get(m.dossier_id)
        if p is None:  # opted out in between
            continue
        uit.append(
            AnoniemProfiel(
                code=kandidaatcode(vacature.pk, m.dossier_id),
                fit=m.fit,
                ervaring=[beroepen.get(c, c) for c in p.beroepen_ervaring or []],
                certificaten=[CERTIFICATEN.get(c, c) for c in p.certificaten or []],
                rijbewijzen=[RIJBEWIJZEN.get(c, c) for c in p.rijbewijzen or []],
                taalniveau=p.get_taalniveau_display(),
                uren_per_week=p.uren_per_week,
                max_fysieke_belasting=p.get_max_fysieke_belasting_display(),
            )
        )
    page.object_list = uit
    log_verwerking(
        activiteit="reintegratie",
        operatie="toon_anoniem_werkprofiel",
        subjects=[profielen[m.dossier_id].dossier.werkzoekende.log_subject for m in op_pagina
                  if m.dossier_id in profielen],
        soorten_gegevens=["werkprofiel"],
        actor=user,
        request=request,
    )  # fmt: skip
    return page


# --- voordrachten -------------------------------------------------------------------------


def voordrachten_queryset(
    *, user: User, vacature: Vacature | None = None, status: str = ""
) -> QuerySet[Voordracht]:
    """Proposals of dossiers in the user's own scope (werkconsulent); nothing for others."""
    scope = _namen_scope(user)
    if scope is None:
        return Voordracht.objects.none()
    qs = Voordracht.objects.filter(dossier__in=Dossier.objects.filter(scope))
    if vacature is not None:
        qs = qs.filter(vacature=vacature)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related(
        "vacature", "vacature__werkgever", "dossier", "dossier__werkzoekende", "voorgedragen_door"
    ).order_by("-gewijzigd_op", "-pk")


def log_voordrachten(
    *, voordrachten: list[Voordracht], user: User, request: Any = None, operatie: str
) -> None:
    if voordrachten:
        log_verwerking(
            activiteit="reintegratie",
            operatie=operatie,
            subjects=[v.dossier.werkzoekende.log_subject for v in voordrachten],
            soorten_gegevens=("identificatie", "voordracht"),
            actor=user,
            request=request,
        )


def voordracht_voor_gebruiker(*, user: User, pk: int, request: Any = None) -> Voordracht:
    """One proposal of a dossier in the user's scope, or 404. Logged."""
    scope = _namen_scope(user)
    if scope is None:
        raise Http404
    try:
        voordracht = (
            Voordracht.objects.filter(dossier__in=Dossier.objects.filter(scope))
            .select_related(
                "vacature",
                "vacature__werkgever",
                "vacature__beroep",
                "dossier",
                "dossier__werkzoekende",
                "dossier__werkcoach",
                "voorgedragen_door",
            )
            .get(pk=pk)
        )
    except Voordracht.DoesNotExist as exc:
        raise Http404 from exc
    log_voordrachten(
        voordrachten=[voordracht], user=user, request=request, operatie="bekijk_voordracht"
    )
    return voordracht


def wijzigingen_van(voordracht: Voordracht) -> QuerySet:
    return voordracht.wijzigingen.select_related("door").order_by("op", "pk")


def plaatsing_van(voordracht: Voordracht) -> Plaatsing | None:
    return Plaatsing.objects.filter(voordracht=voordracht).first()


# --- kengetallen (dashboards) -------------------------------------------------------------


def plaatsingen_per_maand(
    *, van: date, tot: date, werkcoach_ids: list[int] | None = None
) -> list[tuple[date, int]]:
    """Number of placements per month of their start date, from ``van`` to ``tot`` inclusive.

    Only counts (no personal data); months without placements are included with 0.
    ``werkcoach_ids`` limits to the dossiers of these werkcoaches (a teamleider's team).
    """
    qs = Plaatsing.objects.filter(startdatum__gte=van, startdatum__lte=tot)
    if werkcoach_ids is not None:
        qs = qs.filter(dossier__werkcoach_id__in=werkcoach_ids)
    per_maand = {
        (r["maand"].date() if hasattr(r["maand"], "date") else r["maand"]): r["n"]
        for r in qs.annotate(maand=TruncMonth("startdatum"))
        .order_by()
        .values("maand")
        .annotate(n=Count("pk"))
    }
    uit = []
    maand = van.replace(day=1)
    while maand <= tot:
        uit.append((maand, per_maand.get(maand, 0)))
        maand = date(maand.year + (maand.month == 12), maand.month % 12 + 1, 1)
    return uit


# --- burgerportaal ------------------------------------------------------------------------


@dataclass
class PassendeVacature:
    vacature: Vacature
    fit: Fit
    in_perspectief: bool


def profiel_van(*, dossier: Dossier) -> Profiel | None:
    return Profiel.objects.filter(dossier=dossier).first()


def vacatures_voor_burger(*, profiel: Profiel | None) -> list[PassendeVacature]:
    """Open vacancies that fit the person's uitstroomperspectief, best first.

    The perspective is the occupations the person wants or has experience in; vacancies for
    those come first. Other open vacancies are shown only when they fit well (no gaps). The
    caller has loaded (and logged) the person's own dossier.
    """
    if profiel is None:
        return []
    vandaag = timezone.localdate()
    perspectief = set(profiel.gewenste_beroepen or []) | set(profiel.beroepen_ervaring or [])
    kandidaat = kandidaat_van(profiel)
    # In the database: vacancies in the perspective, or others the person fully meets on
    # language, physical demand and hours (certificates and licences are checked by beoordeel).
    taal = [c for c, r in TAAL_RANG.items() if r <= TAAL_RANG.get(profiel.taalniveau, 0)]
    fysiek = [
        c for c, r in FYSIEK_RANG.items() if r <= FYSIEK_RANG.get(profiel.max_fysieke_belasting, 3)
    ]
    haalbaar = Q(
        taalniveau__in=taal,
        fysieke_belasting__in=fysiek,
        uren_per_week_min__lte=profiel.uren_per_week,
    )
    qs = (
        Vacature.objects.filter(status=VacatureStatus.OPEN)
        .filter(Q(sluitdatum__isnull=True) | Q(sluitdatum__gte=vandaag))
        .filter(Q(beroep__isco_code__in=perspectief) | haalbaar)
        .select_related("werkgever", "beroep", "wijk")
        .order_by("sluitdatum", "pk")
    )
    uit = []
    for vacature in qs:
        in_perspectief = vacature.beroep.isco_code in perspectief
        fit = beoordeel(kandidaat, eisen_van(vacature), CERTIFICATEN)
        if (in_perspectief and fit.score >= DREMPEL) or fit.past:
            uit.append(PassendeVacature(vacature, fit, in_perspectief))
    uit.sort(key=lambda p: (not p.in_perspectief, -p.fit.score, p.vacature.pk))
    return uit
