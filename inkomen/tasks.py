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
    """Recalculate one dossier-month (``inkomen.herberekening.herbereken_maand``), queued on
    commit by ``plan_herberekening``; it marks the month's open outbox rows it saw verwerkt in
    the same transaction (see :mod:`inkomen.herberekening`).

    Safe to run twice or concurrently: the dossier lock serialises runs and a run that finds
    nothing new stores nothing. Database trouble (deadlock, lost connection) is retried with
    exponential backoff (the outbox rows stay open meanwhile, so the reconciliation also finds
    them); case data the rules cannot calculate is logged (by dossier id, never a BSN),
    recorded on the outbox rows (``pogingen``, ``fout``) and not retried here.
    """
    from .herberekening import foutmelding, herbereken_maand, noteer_mislukt

    maand = date.fromisoformat(maand_iso)
    try:
        uitkomst = herbereken_maand(dossier_id=dossier_id, maand=maand, aanleiding="taak")
    except OngeldigeInvoer as exc:
        noteer_mislukt(dossier_id=dossier_id, maand=maand, fout=foutmelding(exc))
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


# --------------------------------------------------------------------------------------------
# the monthly payment run (inkomen.betaalrun)

_BETAALRUN_OPTIES = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="inkomen.maandelijkse_betaalrun", **_BETAALRUN_OPTIES)
def maandelijkse_betaalrun(maand_iso: str | None = None) -> dict:
    """Beat entry point (default the 25th): start or resume the run of the month (default:
    the current month) and dispatch its chunks. A finished month is left alone."""
    from bijstand.core import tijd

    from .betaalrun import BetaalrunGeweigerd, start_betaalrun

    maand = date.fromisoformat(maand_iso) if maand_iso else tijd.eerste_van_maand(tijd.vandaag())
    try:
        run = start_betaalrun(maand=maand)
    except BetaalrunGeweigerd as exc:
        # Recorded on the run (mislukt, with the message) and logged; retrying cannot help.
        return {"maand": f"{maand:%Y-%m}", "status": "geweigerd", "melding": str(exc)}
    if run.status == "klaar":
        return {"betaalrun": run.pk, "status": run.status}
    dispatch_betaalrun(run)
    return {"betaalrun": run.pk, "status": run.status, "delen": len(run.te_doen)}


def dispatch_betaalrun(run) -> None:
    """``chord(group(verwerk_chunk_task...), rond_af_task)`` for the chunks still to do.

    A chord needs a result backend; without one (and not eager) the chunks run as a plain
    group and the chunk that completes the count starts ``rond_af_task`` (``verwerk_chunk_task``
    with ``afronden=True``).
    """
    from celery import chord, current_app, group

    kop = [verwerk_chunk_task.si(run.pk, ids, nummer) for nummer, ids in run.te_doen]
    slot = rond_af_task.si(run.pk)
    if not kop:
        slot.delay()
        return
    conf = current_app.conf
    if conf.task_always_eager or conf.result_backend:
        chord(group(kop), slot).apply_async()
    else:
        group(
            verwerk_chunk_task.si(run.pk, ids, nummer, afronden=True) for nummer, ids in run.te_doen
        ).apply_async()


@shared_task(name="inkomen.betaalrun_verwerk_chunk", bind=True, **_BETAALRUN_OPTIES)
def verwerk_chunk_task(
    self, betaalrun_id: int, dossier_ids: list[int], nummer: int, afronden: bool = False
) -> dict:
    """One chunk (``inkomen.betaalrun.verwerk_chunk``): idempotent, safe to deliver twice."""
    from .betaalrun import markeer_mislukt, verwerk_chunk
    from .models import Betaalrun

    try:
        uitkomst = verwerk_chunk(betaalrun_id=betaalrun_id, dossier_ids=dossier_ids, nummer=nummer)
    except OperationalError as exc:
        if self.request.retries >= self.max_retries:
            markeer_mislukt(betaalrun_id=betaalrun_id, fout=f"deel {nummer}: {exc}")
        raise
    except Exception as exc:
        markeer_mislukt(betaalrun_id=betaalrun_id, fout=f"deel {nummer}: {exc!r}")
        raise
    if afronden:
        run = Betaalrun.objects.only("chunks_klaar", "chunks_totaal").get(pk=betaalrun_id)
        if run.chunks_klaar >= run.chunks_totaal:
            rond_af_task.delay(betaalrun_id)
    return uitkomst.als_dict()


@shared_task(name="inkomen.betaalrun_rond_af", **_BETAALRUN_OPTIES)
def rond_af_task(betaalrun_id: int) -> dict:
    """Write the pain.001 file and finish the run (idempotent)."""
    from .betaalrun import rond_af

    run = rond_af(betaalrun_id=betaalrun_id)
    return {
        "betaalrun": run.pk,
        "status": run.status,
        "aantal": run.aantal_betalingen,
        "totaal": f"{run.totaal_bedrag:.2f}",
        "sha256": run.bestand_sha256,
    }


# The tasks of the durable recalculation, the payment-run watchdog, periods and rule-set
# recalculation runs live in their own modules; importing them here registers them.
from . import (  # noqa: E402,F401
    tasks_bewaking,
    tasks_herberekeningsrun,
    tasks_herstel,
    tasks_perioden,
)
