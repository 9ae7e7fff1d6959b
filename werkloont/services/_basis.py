"""Shared by the modules of ``werkloont.services`` (not part of its interface): the log of
every processing of personal data, the agenda lock and the checks on approved weeks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.dossiers.models import Dossier
from bijstand.logboek.services import log_verwerking

from .. import selectors, uren
from ..models import Afspraak, Agenda, Weekafsluiting

ACTIVITEIT = "reintegratie"


def log(
    *,
    dossier: Dossier,
    operatie: str,
    door: Any,
    request: Any = None,
    vertrouwelijk: bool = False,
    soorten: Iterable[str] = ("agenda",),
) -> None:
    log_verwerking(
        activiteit="gezondheid" if vertrouwelijk else ACTIVITEIT,
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=list(soorten),
        actor=door,
        request=request,
        vertrouwelijk=vertrouwelijk,
    )


def als_user(door: Any) -> User | None:
    return door if isinstance(door, User) else None


def vergrendel_agenda(dossier: Dossier) -> Agenda:
    """The person's agenda row, created if needed and locked until the transaction ends."""
    Agenda.objects.get_or_create(dossier=dossier)
    return Agenda.objects.select_for_update().get(dossier=dossier)


def week_fout(ma: datetime.date) -> str:
    return _("De week van %(datum)s is al goedgekeurd. Daarin kan niets meer worden gewijzigd.") % {
        "datum": uren.datum_nl(ma)
    }


def vergrendelde_weken(dossier_id: int, datums: Iterable[datetime.date]) -> list[datetime.date]:
    weken = {uren.maandag(d) for d in datums}
    if not weken:
        return []
    return sorted(
        Weekafsluiting.objects.filter(dossier_id=dossier_id, week__in=weken).values_list(
            "week", flat=True
        )
    )


def controleer_week_open(afspraak: Afspraak) -> None:
    if selectors.is_week_afgesloten(dossier_id=afspraak.dossier_id, datum=afspraak.datum):
        raise ValidationError({"datum": week_fout(uren.maandag(afspraak.datum))})
