"""Hand-built histories for the dashboard tests: dossiers with explicit status changes.

The services stamp "now"; these helpers write the rows a history would have produced on
given dates (as the demo generator does), so each figure has a known answer.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bijstand.dossiers.models import Dossier, Overdracht, StatusWijziging
from tests.factories import WerkzoekendeFactory

AMS = ZoneInfo("Europe/Amsterdam")


def moment(d: date, uur: int = 12) -> datetime:
    return datetime.combine(d, time(uur), AMS)


def dossier_met_historie(
    werkcoach,
    *,
    aanvraag: date,
    overgangen: list[tuple[date, str, str]] = (),
    werkzoekende=None,
    **velden,
) -> Dossier:
    """A dossier opened on ``aanvraag`` with the transitions ``(date, naar, reden)`` after it.

    Status, startdatum, einddatum and beeindigingsreden follow the last transition (as
    ``wijzig_status`` keeps them).
    """
    status, reden, start, eind = "aanvraag", "", None, None
    for dag, naar, r in overgangen:
        if naar == "lopend" and start is None:
            start = dag
        status = naar
        reden = r if naar == "beeindigd" else ""
        eind = dag if naar == "beeindigd" else None
    dossier = Dossier.objects.create(
        werkzoekende=werkzoekende or WerkzoekendeFactory(),
        werkcoach=werkcoach,
        status=status,
        beeindigingsreden=reden,
        aanvraagdatum=aanvraag,
        startdatum=start,
        einddatum=eind,
        **velden,
    )
    StatusWijziging.objects.create(dossier=dossier, van="", naar="aanvraag", op=moment(aanvraag, 9))
    van = "aanvraag"
    for dag, naar, r in overgangen:
        StatusWijziging.objects.create(dossier=dossier, van=van, naar=naar, reden=r, op=moment(dag))
        van = naar
    Overdracht.objects.create(
        dossier=dossier,
        van_werkcoach=None,
        naar_werkcoach=werkcoach,
        reden="Eerste toewijzing",
        op=moment(aanvraag, 9),
    )
    return dossier


def lopend_sinds(werkcoach, start: date, **velden) -> Dossier:
    return dossier_met_historie(
        werkcoach, aanvraag=start.replace(day=1), overgangen=[(start, "lopend", "")], **velden
    )
