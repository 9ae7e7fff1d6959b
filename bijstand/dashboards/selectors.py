"""Reads of the dashboards. Only aggregates leave the database; no personal data.

Two kinds of reads:

- the snapshot (``lees_cijfers``): one query per page over ``Kengetal`` rows of the latest
  finished ``Peildag``, at the level that matches the filters (see ``snapshot.py``);
- the werkcoach overview of a teamleider (``werkcoaches_van_teamleider``,
  ``overdrachten_verdeling``): live counts for the teamleider's own teams.

Handover ("overdracht") here means a recorded change of werkcoach: an Overdracht with a
previous werkcoach (the first assignment has none). Figures cover active dossiers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from bijstand.accounts.models import Rol, Team, User
from bijstand.core.tijd import eerste_van_maand, maand_plus
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier, Overdracht, Wijk
from bijstand.dossiers.scope import dossier_scope_q

from .models import (
    DIMENSIES,
    Doeltraject,
    Kengetal,
    Niveau,
    Peildag,
    PeildagStatus,
    PeriodeSoort,
    Referentiewaarde,
)
from .snapshot import eerste_van_kwartaal

# --------------------------------------------------------------------------------------------
# the snapshot


def laatste_peildag() -> Peildag | None:
    return (
        Peildag.objects.filter(status=PeildagStatus.KLAAR)
        .order_by("-peildatum", "-klaar_op", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Filters:
    """What the manager chose: period type, first and last period (their first days), and at
    most one value per dimension."""

    per: str
    van: date
    tot: date
    team: int | None = None
    wijk: int | None = None
    route: str = ""
    doelgroep: str = ""

    def dimensies(self, toegestaan: tuple[str, ...] = DIMENSIES) -> dict:
        return {d: getattr(self, d) for d in toegestaan if getattr(self, d) not in (None, "")}

    @property
    def gefilterd(self) -> bool:
        return bool(self.dimensies())


def periode_begin(d: date, per: str) -> date:
    return eerste_van_maand(d) if per == PeriodeSoort.MAAND else eerste_van_kwartaal(d)


def perioden_tussen(van: date, tot: date, per: str) -> list[date]:
    stap = 1 if per == PeriodeSoort.MAAND else 3
    uit, d = [], periode_begin(van, per)
    while d <= tot:
        uit.append(d)
        d = maand_plus(d, stap)
    return uit


def meetmaand(periode: date, per: str, peildatum: date) -> date:
    """The month whose end measures a stock for the period (the last month of a quarter, or
    the peildatum's month for the current period)."""
    laatste = periode if per == PeriodeSoort.MAAND else maand_plus(periode, 2)
    return min(laatste, eerste_van_maand(peildatum))


@dataclass
class Meting:
    personen: int = 0
    aantal: int = 0
    som: Decimal | None = None

    def __add__(self, ander: Meting) -> Meting:
        if self.som is None and ander.som is None:
            som = None
        else:
            som = (self.som or Decimal(0)) + (ander.som or Decimal(0))
        return Meting(self.personen + ander.personen, self.aantal + ander.aantal, som)


@dataclass
class Cijfers:
    """figuur -> periode -> (categorie, subcategorie) -> Meting, read from one snapshot."""

    data: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(dict)))

    def meting(self, figuur: str, periode: date, categorie: str = "", sub: str = "") -> Meting:
        return self.data[figuur][periode].get((categorie, sub), Meting())

    def som(
        self,
        figuur: str,
        periode: date,
        categorieen: list[str] | tuple[str, ...] | None = None,
        sub: str | None = None,
    ) -> Meting:
        """The sum over categories (all when None) and subcategories (all when None)."""
        totaal = Meting()
        for (cat, subcat), m in self.data[figuur][periode].items():
            if categorieen is not None and cat not in categorieen:
                continue
            if sub is not None and subcat != sub:
                continue
            totaal = totaal + m
        return totaal

    def heeft(self, figuur: str) -> bool:
        return figuur in self.data and any(self.data[figuur].values())


def _niveau(dimensies: dict) -> str:
    return Niveau.van(dimensies)


def lees_cijfers(
    *,
    peildag: Peildag,
    filters: Filters,
    stromen: tuple[str, ...] = (),
    voorraden: tuple[str, ...] = (),
    standen: tuple[str, ...] = (),
    alleen_team: tuple[str, ...] = (),
) -> Cijfers:
    """One query for every figure a page needs.

    ``stromen``: events per period in the chosen range; ``voorraden``: stocks, measured at the
    end of each period (month rows of the snapshot); ``standen``: state at the peildatum (the
    current period only); ``alleen_team``: of those, figures that only know the team dimension
    (other filters do not apply to them).
    """
    per = filters.per
    perioden = perioden_tussen(filters.van, filters.tot, per)
    huidig = periode_begin(peildag.peildatum, per)
    maand_van_periode = {p: meetmaand(p, per, peildag.peildatum) for p in perioden}

    def dims_q(figuren) -> Q:
        q = Q()
        for figuur in figuren:
            toegestaan = ("team",) if figuur in alleen_team else DIMENSIES
            dimensies = filters.dimensies(toegestaan)
            q |= Q(figuur=figuur, niveau=_niveau(dimensies), **dimensies)
        return q

    voorwaarden = Q(pk__in=[])
    if stromen:
        voorwaarden |= dims_q(stromen) & Q(
            periode_soort=per, periode__gte=perioden[0], periode__lte=perioden[-1]
        )
    if voorraden:
        voorwaarden |= dims_q(voorraden) & Q(
            periode_soort=PeriodeSoort.MAAND, periode__in=set(maand_van_periode.values())
        )
    if standen:
        voorwaarden |= dims_q(standen) & Q(periode_soort=per, periode=huidig)
    rijen = (
        Kengetal.objects.filter(voorwaarden, peildag=peildag)
        .values("figuur", "periode_soort", "periode", "categorie", "subcategorie")
        .annotate(p=Sum("personen"), a=Sum("aantal"), s=Sum("som"))
        .order_by()
    )
    cijfers = Cijfers()
    naar_periode: dict[date, list[date]] = defaultdict(list)
    for p, maand in maand_van_periode.items():
        naar_periode[maand].append(p)
    for r in rijen:
        meting = Meting(r["p"] or 0, r["a"] or 0, r["s"])
        sleutel = (r["categorie"], r["subcategorie"])
        if r["figuur"] in voorraden:
            for p in naar_periode.get(r["periode"], ()):
                cijfers.data[r["figuur"]][p][sleutel] = meting
        else:
            cijfers.data[r["figuur"]][r["periode"]][sleutel] = meting
    return cijfers


def referenties(peildatum: date) -> dict[str, Decimal]:
    """code -> value of the reference valid on ``peildatum`` (latest geldig_vanaf)."""
    uit: dict[str, Decimal] = {}
    for code, waarde in (
        Referentiewaarde.objects.filter(geldig_vanaf__lte=peildatum)
        .order_by("code", "-geldig_vanaf")
        .values_list("code", "waarde")
    ):
        uit.setdefault(code, waarde)
    return uit


def doeltraject(peildatum: date) -> Doeltraject | None:
    return Doeltraject.objects.filter(geldig_vanaf__lte=peildatum).first()


def filterkeuzes() -> dict[str, list[tuple[int, str]]]:
    """Teams and wijken for the filter form (names only; no people)."""
    return {
        "teams": list(Team.objects.order_by("naam").values_list("pk", "naam")),
        "wijken": list(Wijk.objects.order_by("naam").values_list("pk", "naam")),
    }


# --------------------------------------------------------------------------------------------
# werkcoaches of a teamleider (live)


def _overdrachten_per_dossier() -> Subquery:
    """Number of handovers of the outer dossier (correlated subquery)."""
    return Subquery(
        Overdracht.objects.filter(dossier=OuterRef("pk"), van_werkcoach__isnull=False)
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def _actieve_dossiers_met_overdrachten() -> QuerySet[Dossier]:
    return Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN).annotate(
        n_overdrachten=Coalesce(_overdrachten_per_dossier(), Value(0))
    )


def _telling(qs: QuerySet) -> Subquery:
    """Count of rows of `qs` per outer werkcoach (qs must be filtered on OuterRef)."""
    return Coalesce(
        Subquery(
            qs.order_by().values("werkcoach").annotate(c=Count("pk")).values("c"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def werkcoaches_van_teamleider(*, teamleider: User) -> QuerySet[User]:
    """Werkconsulenten in the teams `teamleider` leads, each annotated with:

    caseload (active dossiers), overdrachten (handovers in those dossiers) and
    meer_dan_een_overdracht (active dossiers with more than one handover).
    One query per page, whatever the number of werkcoaches or dossiers.
    """
    actief = Dossier.objects.filter(werkcoach=OuterRef("pk"), status__in=ACTIEVE_STATUSSEN)
    overdrachten = Coalesce(
        Subquery(
            Overdracht.objects.filter(
                dossier__werkcoach=OuterRef("pk"),
                dossier__status__in=ACTIEVE_STATUSSEN,
                van_werkcoach__isnull=False,
            )
            .order_by()
            .values("dossier__werkcoach")
            .annotate(c=Count("pk"))
            .values("c"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    veel = _actieve_dossiers_met_overdrachten().filter(
        werkcoach=OuterRef("pk"), n_overdrachten__gt=1
    )
    return (
        User.objects.filter(rol=Rol.WERKCONSULENT, team__teamleider=teamleider)
        .select_related("team")
        .annotate(
            caseload_grootte=_telling(actief),
            overdrachten=overdrachten,
            meer_dan_een_overdracht=_telling(veel),
        )
        .order_by("team__naam", "last_name", "first_name", "pk")
    )


@dataclass(frozen=True)
class Verdeling:
    """Active dossiers in scope by number of handovers: 0, 1, 2, 3 or more."""

    nul: int
    een: int
    twee: int
    drie_of_meer: int

    @property
    def totaal(self) -> int:
        return self.nul + self.een + self.twee + self.drie_of_meer

    def rijen(self) -> list[tuple[str, int]]:
        return [("0", self.nul), ("1", self.een), ("2", self.twee), ("3+", self.drie_of_meer)]


def overdrachten_verdeling(*, user: User) -> Verdeling:
    """Distribution of handovers per active dossier in the user's scope. One query."""
    rij = (
        _actieve_dossiers_met_overdrachten()
        .filter(dossier_scope_q(user))
        .aggregate(
            nul=Count("pk", filter=Q(n_overdrachten=0)),
            een=Count("pk", filter=Q(n_overdrachten=1)),
            twee=Count("pk", filter=Q(n_overdrachten=2)),
            drie_of_meer=Count("pk", filter=Q(n_overdrachten__gte=3)),
        )
    )
    return Verdeling(**{k: v or 0 for k, v in rij.items()})
