"""Reads of the periods screens (issue 13 §2): the opschorting of an uitkering, the months it
left unpaid, and the signals on the inkomensconsulent's worklist. No writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When

from bijstand.core import tijd
from bijstand.dossiers.scope import dossier_scope_q

from .models import (
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    NietBetaaldReden,
    Opschorting,
    OpschortingAfloop,
    Signaal,
)
from .perioden import intrekken_mogelijk_vanaf


@dataclass(frozen=True)
class OpschortingStand:
    """The open opschorting of an uitkering as the screens show it."""

    opschorting: Opschorting
    niet_betaald: list[date]  # months a run recorded "opgeschort", not paid yet
    termijn_verlopen: bool
    intrekken_vanaf: date


def open_opschorting(*, uitkering_id: int) -> Opschorting | None:
    return (
        Opschorting.objects.filter(uitkering_id=uitkering_id, afloop=OpschortingAfloop.OPEN)
        .select_related("aangemaakt_door")
        .first()
    )


def opschorting_van_dossier(*, dossier_id: int, pk: int) -> Opschorting | None:
    return (
        Opschorting.objects.filter(uitkering__dossier_id=dossier_id, pk=pk)
        .select_related("uitkering")
        .first()
    )


def niet_betaalde_maanden(*, dossier_id: int, vanaf: date) -> list[date]:
    """The months from the month of ``vanaf`` that a run recorded as not paid because of the
    opschorting and that were not paid afterwards (oldest first). One query."""
    return list(
        Betaling.objects.filter(
            dossier_id=dossier_id,
            status=BetalingStatus.NIET_BETAALD,
            reden=NietBetaaldReden.OPGESCHORT,
            maand__gte=tijd.eerste_van_maand(vanaf),
        )
        .exclude(
            Exists(
                Boeking.objects.filter(
                    dossier_id=OuterRef("dossier_id"),
                    maand=OuterRef("maand"),
                    soort=BoekingSoort.UITBETALING_VOORLOPIG,
                )
            )
        )
        .order_by("maand")
        .values_list("maand", flat=True)
    )


def opschorting_stand(*, uitkering_id: int, dossier_id: int) -> OpschortingStand | None:
    opschorting = open_opschorting(uitkering_id=uitkering_id)
    if opschorting is None:
        return None
    vanaf = intrekken_mogelijk_vanaf(opschorting)
    return OpschortingStand(
        opschorting=opschorting,
        niet_betaald=niet_betaalde_maanden(dossier_id=dossier_id, vanaf=opschorting.vanaf),
        termijn_verlopen=tijd.vandaag() >= vanaf,
        intrekken_vanaf=vanaf,
    )


def afgeronde_opschortingen(*, uitkering_id: int) -> QuerySet[Opschorting]:
    """The decided opschortingen of an uitkering, newest first (paginate)."""
    return (
        Opschorting.objects.filter(uitkering_id=uitkering_id)
        .exclude(afloop=OpschortingAfloop.OPEN)
        .select_related("afgehandeld_door")
        .order_by("-vanaf", "-pk")
    )


def _open_eerst(qs: QuerySet[Signaal]) -> QuerySet[Signaal]:
    return qs.annotate(
        klaar=Case(
            When(afgehandeld_op__isnull=True, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("klaar", "-aangemaakt_op", "-pk")


def signalen_in_scope(*, user, alleen_open: bool = False) -> QuerySet[Signaal]:
    """The signals of the dossiers ``user`` may see (an inkomensconsulent: their own and
    those of a colleague they substitute today), open ones first, newest first (paginate)."""
    qs = Signaal.objects.filter(dossier__in=_dossiers_in_scope(user)).select_related(
        "dossier__werkzoekende", "afgehandeld_door"
    )
    if alleen_open:
        qs = qs.filter(afgehandeld_op__isnull=True)
    return _open_eerst(qs)


def _dossiers_in_scope(user):
    from bijstand.dossiers.models import Dossier

    return Dossier.objects.filter(dossier_scope_q(user)).values("pk")


def signaal_in_scope(*, user, pk: int) -> Signaal | None:
    return (
        Signaal.objects.filter(pk=pk, dossier__in=_dossiers_in_scope(user))
        .select_related("dossier__werkzoekende")
        .first()
    )


def open_signalen_van_dossier(*, dossier_id: int) -> QuerySet[Signaal]:
    """The open signals of one dossier, newest first (paginate)."""
    return Signaal.objects.filter(dossier_id=dossier_id, afgehandeld_op__isnull=True).order_by(
        "-aangemaakt_op", "-pk"
    )
