"""Reads of the plan van aanpak. Every page read of personal data writes the log.

The dossier itself is read (and logged, activiteit ``reintegratie`` or ``portaal``) through
``bijstand.dossiers.selectors.dossier_voor_gebruiker`` by the views; the selectors here add a
``gezondheid`` line (vertrouwelijk) when they show a goal on a confidential leefgebied, and
log the persons on the werkcoach's list of notifications.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from bijstand.accounts.models import Rol, User
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.scope import dossier_scope_q, vervangen_collega_ids
from bijstand.logboek.services import log_verwerking

from .models import (
    LOPENDE_STATUSSEN,
    Actie,
    ActieStatus,
    Doel,
    Melding,
    MeldingSoort,
    Plan,
    PlanSjabloon,
    PlanVersie,
)
from .versies import Wijziging, vergelijk, zonder_vertrouwelijk

# Filter values of the action list -> statuses.
STATUS_FILTERS: dict[str, tuple[str, ...]] = {
    "lopend": LOPENDE_STATUSSEN,
    "accordering": (ActieStatus.ACCORDERING,),
    "afgerond": (ActieStatus.AFGEROND,),
    "vervallen": (ActieStatus.VERVALLEN,),
    "alle": tuple(ActieStatus.values),
}
VERTROUWELIJK_Q = Q(leefgebied__vertrouwelijk=True)


def mag_vertrouwelijk_zien(user: Any, dossier: Dossier) -> bool:
    """The own werkcoach (or substitute) and the burger themselves see confidential goals."""
    if getattr(user, "rol", None) == Rol.BURGER:
        return dossier.werkzoekende.account_id == user.pk
    return bool(user.has_perm("dossiers.view_vertrouwelijk", dossier))


def plan_van_dossier(*, dossier: Dossier) -> Plan | None:
    return Plan.objects.filter(dossier=dossier).first()


def actie_van_plan(*, plan: Plan, pk: int) -> Actie | None:
    """One action of ``plan`` (with its goal's leefgebied), or None."""
    return Actie.objects.filter(plan=plan, pk=pk).select_related("doel__leefgebied").first()


def _aantal_acties(**filters: Any) -> Coalesce:
    """A correlated count of a goal's actions (no join: the page's count() stays simple)."""
    return Coalesce(
        Subquery(
            Actie.objects.filter(doel=OuterRef("pk"), **filters)
            .order_by()
            .values("doel")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def doelen_queryset(*, plan: Plan, met_vertrouwelijk: bool) -> QuerySet[Doel]:
    qs = (
        Doel.objects.filter(plan=plan)
        .select_related("leefgebied", "beroep")
        .annotate(
            aantal_lopend=_aantal_acties(status__in=LOPENDE_STATUSSEN),
            aantal_acties=_aantal_acties(),
        )
        .order_by("aangemaakt_op", "id")
    )
    return qs if met_vertrouwelijk else qs.exclude(VERTROUWELIJK_Q)


def acties_queryset(
    *,
    plan: Plan,
    met_vertrouwelijk: bool,
    status: str = "lopend",
    eigenaar: str = "",
    zonder_doel: bool | None = None,
) -> QuerySet[Actie]:
    qs = Actie.objects.filter(plan=plan).select_related("doel__leefgebied", "doel__beroep")
    if not met_vertrouwelijk:
        qs = qs.exclude(doel__leefgebied__vertrouwelijk=True)
    if status:
        qs = qs.filter(status__in=STATUS_FILTERS.get(status, LOPENDE_STATUSSEN))
    if eigenaar:
        qs = qs.filter(eigenaar=eigenaar)
    if zonder_doel is not None:
        qs = qs.filter(doel__isnull=zonder_doel)
    return qs.order_by("deadline", "id")


def doelen_met_acties(*, plan: Plan, met_vertrouwelijk: bool) -> QuerySet[Doel]:
    """Goals with all their actions prefetched (one extra query), for the portal."""
    return doelen_queryset(plan=plan, met_vertrouwelijk=met_vertrouwelijk).prefetch_related(
        Prefetch("acties", queryset=Actie.objects.order_by("deadline", "id"))
    )


def aantal_te_bevestigen(*, plan: Plan, met_vertrouwelijk: bool) -> int:
    return acties_queryset(
        plan=plan, met_vertrouwelijk=met_vertrouwelijk, status="accordering"
    ).count()


def versies_queryset(*, plan: Plan) -> QuerySet[PlanVersie]:
    return (
        PlanVersie.objects.filter(plan=plan)
        .defer("snapshot")
        .select_related("akkoord_door")
        .order_by("-nummer")
    )


def sjablonen_voor(*, dossier: Dossier, plan: Plan | None = None) -> list[PlanSjabloon]:
    """Active templates, those of the dossier's route first; already applied ones left out."""
    qs = PlanSjabloon.objects.filter(actief=True)
    if plan is not None:
        qs = qs.exclude(pk__in=plan.toegepaste_sjablonen.values("pk"))
    return sorted(qs, key=lambda s: (s.route != dossier.route, s.naam))


def log_vertrouwelijke_inzage(
    *, dossier: Dossier, user: Any, request: Any = None, operatie: str = "bekijk_plan"
) -> None:
    log_verwerking(
        activiteit="gezondheid",
        operatie=f"{operatie}_vertrouwelijk",
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["plan van aanpak", "leefgebieden"],
        actor=user,
        request=request,
        vertrouwelijk=True,
    )


def toont_vertrouwelijk(doelen: Any = (), acties: Any = ()) -> bool:
    return any(d.vertrouwelijk for d in doelen) or any(a.vertrouwelijk for a in acties)


# --- versions -----------------------------------------------------------------------------


@dataclass
class Vergelijking:
    van: int
    naar: int
    van_label: str
    naar_label: str
    wijzigingen: list[Wijziging] = field(default_factory=list)
    vertrouwelijk: bool = False


def _snapshot(plan: Plan, nummer: int) -> dict | None:
    versie = PlanVersie.objects.filter(plan=plan, nummer=nummer).first()
    if versie is not None:
        return versie.snapshot
    if nummer == plan.versie:  # the version being worked on (not agreed yet)
        from .services import snapshot_van

        return snapshot_van(plan)
    return None


def vergelijking(*, plan: Plan, van: int, naar: int, met_vertrouwelijk: bool) -> Vergelijking:
    """The readable differences between two versions (404 when one does not exist)."""
    oud, nieuw = _snapshot(plan, van), _snapshot(plan, naar)
    if oud is None or nieuw is None or van == naar:
        raise Http404
    geheim = any(d.get("vertrouwelijk") for d in [*oud["doelen"], *nieuw["doelen"]])
    if not met_vertrouwelijk:
        oud, nieuw = zonder_vertrouwelijk(oud), zonder_vertrouwelijk(nieuw)

    def label(nummer: int) -> str:
        from django.utils.translation import gettext as _

        if nummer == plan.versie and not plan.is_akkoord:
            return _("versie %(nummer)s (nog geen akkoord)") % {"nummer": nummer}
        return _("versie %(nummer)s") % {"nummer": nummer}

    return Vergelijking(
        van=van,
        naar=naar,
        van_label=label(van),
        naar_label=label(naar),
        wijzigingen=vergelijk(oud, nieuw),
        vertrouwelijk=geheim and met_vertrouwelijk,
    )


def versienummers(*, plan: Plan) -> list[int]:
    """Agreed versions plus the version being worked on, newest first."""
    nummers = set(PlanVersie.objects.filter(plan=plan).values_list("nummer", flat=True))
    nummers.add(plan.versie)
    return sorted(nummers, reverse=True)


# --- notifications ------------------------------------------------------------------------


def _open_meldingen_q() -> Q:
    return Q(gezien_op__isnull=True) & (
        Q(soort=MeldingSoort.VERLOPEN, actie__status=ActieStatus.OPEN)
        | Q(soort=MeldingSoort.KLAAR_GEMELD, actie__status=ActieStatus.ACCORDERING)
    )


def meldingen_van_dossier(*, dossier: Dossier, met_vertrouwelijk: bool) -> QuerySet[Melding]:
    """Open notifications for the werkcoach about this dossier (not the burger's)."""
    qs = (
        Melding.objects.filter(_open_meldingen_q(), dossier=dossier)
        .select_related("actie__doel__leefgebied")
        .order_by("-aangemaakt_op", "-id")
    )
    return qs if met_vertrouwelijk else qs.exclude(actie__doel__leefgebied__vertrouwelijk=True)


def meldingen_werkcoach_queryset(*, user: User, alleen_open: bool = True) -> QuerySet[Melding]:
    """Notifications for the werkcoach's own caseload (and that of colleagues they replace)."""
    if getattr(user, "rol", None) != Rol.WERKCONSULENT:
        return Melding.objects.none()
    coaches = [user.pk, *vervangen_collega_ids(user)]
    qs = Melding.objects.filter(
        soort__in=(MeldingSoort.VERLOPEN, MeldingSoort.KLAAR_GEMELD),
        dossier_id__in=Dossier.objects.filter(werkcoach_id__in=coaches).values("pk"),
    )
    if alleen_open:
        qs = qs.filter(_open_meldingen_q())
    return qs.select_related("actie__doel__leefgebied", "dossier__werkzoekende").order_by(
        "-aangemaakt_op", "-id"
    )


def log_meldingen_pagina(*, meldingen: list[Melding], user: User, request: Any = None) -> None:
    """One log line per person on a page of notifications (plus the confidential ones)."""
    log_verwerking(
        activiteit="reintegratie",
        operatie="bekijk_plan_meldingen",
        subjects=[m.dossier.werkzoekende.log_subject for m in meldingen],
        soorten_gegevens=["identificatie", "plan van aanpak"],
        actor=user,
        request=request,
    )
    geheim = [m for m in meldingen if m.actie.vertrouwelijk]
    if geheim:
        log_verwerking(
            activiteit="gezondheid",
            operatie="bekijk_plan_meldingen_vertrouwelijk",
            subjects=[m.dossier.werkzoekende.log_subject for m in geheim],
            soorten_gegevens=["plan van aanpak", "leefgebieden"],
            actor=user,
            request=request,
            vertrouwelijk=True,
        )


def melding_voor_werkcoach(*, user: User, pk: int) -> Melding:
    """A notification of the user's own caseload, or 404."""
    melding = meldingen_werkcoach_queryset(user=user, alleen_open=False).filter(pk=pk).first()
    if melding is None:
        raise Http404
    return melding


def meldingen_voor_burger(*, dossier: Dossier) -> QuerySet[Melding]:
    """The burger's reminders: own actions due within a week that are still open."""
    return (
        Melding.objects.filter(
            dossier=dossier, soort=MeldingSoort.BINNENKORT, actie__status=ActieStatus.OPEN
        )
        .select_related("actie")
        .order_by("actie__deadline", "actie_id")
    )


# --- API ----------------------------------------------------------------------------------


def plannen_in_scope(user: Any) -> QuerySet[Plan]:
    """Plans of the dossiers the user may see (all of them for a system client)."""
    qs = Plan.objects.all()
    if not getattr(user, "is_systeem", False):
        qs = qs.filter(dossier__in=Dossier.objects.filter(dossier_scope_q(user)).values("pk"))
    return qs.select_related("dossier__werkzoekende").order_by("dossier_id")
