"""Herziening (art. 54 lid 3 Pw) after a household change reported as a Wijziging.

A medebewoner moves in or out, or the burger starts living together, from an ingangsdatum.
The months already calculated from that date are recalculated with the CURRENT household data
(``herbereken_maand(huishouden_opnieuw=True)``), which books a nabetaling or a
verrekeningsschuld for paid months (``inkomen.grootboek``). The consulent first updates the
household (HuishoudenLid), then sees per month the current bijstand, the new bijstand and the
difference (:func:`bereken_herziening`, no writes: the recalculation runs in a transaction
that is rolled back), then confirms (:func:`bevestig_herziening`: oldest month first, and the
wijziging is marked verwerkt in the same transaction). A second confirm is refused (the
wijziging is no longer open); each month's recalculation is idempotent anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core.tijd import eerste_van_maand
from bijstand.dossiers.models import Wijziging
from bijstand.dossiers.models_wijziging import WijzigingStatus
from bijstand.dossiers.wijzigingen import behandel_wijziging
from bijstand.logboek.services import log_verwerking

from .herberekening import herbereken_maand
from .models import Berekening


@dataclass(frozen=True)
class HerzieningsMaand:
    maand: Any
    huidig: Decimal
    nieuw: Decimal
    kostendelers_huidig: int
    kostendelers_nieuw: int

    @property
    def verschil(self) -> Decimal:
        return self.nieuw - self.huidig


class _Terugdraaien(Exception):
    pass


def _controleer(wijziging: Wijziging, door: User) -> None:
    if not door.has_perm("dossiers.behandel_wijziging", wijziging.dossier):
        raise PermissionDenied
    if not wijziging.is_huishoudenswijziging:
        raise ValidationError(_("Alleen een wijziging in het huishouden geeft een herziening."))
    if not wijziging.is_open:
        raise ValidationError(_("Deze wijziging is al afgehandeld."))


def _maanden(wijziging: Wijziging) -> list[Berekening]:
    return list(
        Berekening.objects.filter(
            dossier_id=wijziging.dossier_id,
            actueel=True,
            maand__gte=eerste_van_maand(wijziging.ingangsdatum),
        ).order_by("maand")
    )


def _aanleiding(wijziging: Wijziging) -> str:
    return f"herziening art. 54 lid 3 (wijziging {wijziging.pk}: {wijziging.soort})"


def _herbereken(wijziging: Wijziging, huidige: list[Berekening]) -> list[HerzieningsMaand]:
    uit = []
    for oud in huidige:
        uitkomst = herbereken_maand(
            dossier_id=wijziging.dossier_id,
            maand=oud.maand,
            aanleiding=_aanleiding(wijziging),
            huishouden_opnieuw=True,
        )
        nieuw = uitkomst.berekening or oud
        uit.append(
            HerzieningsMaand(
                maand=oud.maand,
                huidig=oud.bijstand,
                nieuw=nieuw.bijstand,
                kostendelers_huidig=oud.kostendelers,
                kostendelers_nieuw=nieuw.kostendelers,
            )
        )
    return uit


def _log(wijziging: Wijziging, door: User, operatie: str, request: Any) -> None:
    log_verwerking(
        activiteit="uitkering",
        operatie=operatie,
        subjects=[wijziging.dossier.werkzoekende.log_subject],
        soorten_gegevens=["huishouden", "uitkering", "wijziging"],
        actor=door,
        request=request,
    )


def bereken_herziening(
    *, wijziging: Wijziging, door: User, request: Any = None
) -> list[HerzieningsMaand]:
    """Per calculated month from the ingangsdatum: current and new bijstand. Writes nothing
    (the recalculation and its bookings are rolled back; so are their on-commit tasks)."""
    _controleer(wijziging, door)
    uitkomst: list[HerzieningsMaand] = []
    try:
        with transaction.atomic():
            uitkomst = _herbereken(wijziging, _maanden(wijziging))
            raise _Terugdraaien
    except _Terugdraaien:
        pass
    _log(wijziging, door, "bekijk_herziening", request)
    return uitkomst


def bevestig_herziening(
    *, wijziging: Wijziging, door: User, request: Any = None
) -> list[HerzieningsMaand]:
    """Recalculate and book every month from the ingangsdatum (oldest first) and mark the
    wijziging verwerkt, as one act."""
    with transaction.atomic():
        wijziging = (
            Wijziging.objects.select_for_update()
            .select_related("dossier", "dossier__werkzoekende")
            .get(pk=wijziging.pk)
        )
        _controleer(wijziging, door)
        uitkomst = _herbereken(wijziging, _maanden(wijziging))
        behandel_wijziging(
            wijziging=wijziging, door=door, status=WijzigingStatus.VERWERKT, request=request
        )
    _log(wijziging, door, "bevestig_herziening", request)
    return uitkomst
