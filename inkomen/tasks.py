"""Celery tasks of the inkomen app. Idempotent, retried with backoff, acks late."""

from __future__ import annotations

import logging
from datetime import date

from celery import shared_task
from django.db import OperationalError

from .rekenregels import OngeldigeInvoer

logger = logging.getLogger(__name__)


@shared_task(
    name="inkomen.herbereken",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=8,
)
def herbereken(dossier_id: int, maand_iso: str) -> dict | None:
    """Recalculate one dossier-month (``inkomen.services.herbereken_maand``).

    Safe to run twice or concurrently: the dossier lock serialises runs and a run that finds
    nothing new stores nothing. Database trouble (deadlock, lost connection) is retried with
    exponential backoff; case data the rules cannot calculate is logged (by dossier id, never
    a BSN) and not retried.
    """
    from .services import herbereken_maand

    maand = date.fromisoformat(maand_iso)
    try:
        uitkomst = herbereken_maand(dossier_id=dossier_id, maand=maand, aanleiding="taak")
    except OngeldigeInvoer as exc:
        logger.warning(
            "Herberekening dossier %s maand %s niet mogelijk: %s",
            dossier_id,
            maand_iso[:7],
            sorted(exc.fouten),
        )
        return None
    if uitkomst.berekening is None:
        return {"overgeslagen": uitkomst.overgeslagen}
    return {
        "berekening": uitkomst.berekening.pk,
        "versie": uitkomst.berekening.versie,
        "nieuw": uitkomst.nieuw,
        "boekingen": [b.pk for b in uitkomst.boekingen],
    }
