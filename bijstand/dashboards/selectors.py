"""Aggregates for manager dashboards. Only counts leave the database; no personal data.

Handover ("overdracht") here means a recorded change of werkcoach: an Overdracht with a
previous werkcoach (the first assignment has none). Figures cover active dossiers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from bijstand.accounts.models import Rol, User
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier, Overdracht
from bijstand.dossiers.scope import dossier_scope_q


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
