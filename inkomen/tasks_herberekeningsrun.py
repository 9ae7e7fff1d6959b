"""Celery tasks of the bulk recalculation runs (:mod:`inkomen.herberekeningsrun`); registered
through ``inkomen.tasks``. Idempotent, acks late, database trouble retried with backoff."""

from __future__ import annotations

import logging
from datetime import date

from celery import group, shared_task
from django.db import OperationalError

logger = logging.getLogger("inkomen.herberekeningsrun")

_OPTIES = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="inkomen.herberekeningsrun_plan", **_OPTIES)
def plan_task(run_id: int) -> dict:
    """Plan a waiting run and send its chunks (nothing when it was planned before, has ended
    or still waits for an overlapping run)."""
    from .herberekeningsrun import plan_herberekeningsrun

    delen = plan_herberekeningsrun(run_id)
    if delen:
        group(
            verwerk_deel_task.si(run_id, nummer, [[d, m.isoformat()] for d, m in paren])
            for nummer, paren in delen
        ).apply_async()
    return {"run": run_id, "delen": len(delen)}


@shared_task(name="inkomen.herberekeningsrun_verwerk_deel", bind=True, **_OPTIES)
def verwerk_deel_task(self, run_id: int, nummer: int, paren: list[list]) -> dict:
    """One chunk: ``[[dossier id, "YYYY-MM-01"], ...]``. Safe to deliver twice (counts once)."""
    from .herberekeningsrun import markeer_mislukt, verwerk_deel

    try:
        uitkomst = verwerk_deel(
            run_id=run_id,
            nummer=nummer,
            paren=[(int(d), date.fromisoformat(m)) for d, m in paren],
        )
    except OperationalError as exc:
        if self.request.retries >= self.max_retries:
            markeer_mislukt(run_id=run_id, fout=f"deel {nummer + 1}: {exc}")
        raise
    except Exception as exc:
        markeer_mislukt(run_id=run_id, fout=f"deel {nummer + 1}: {exc!r}")
        raise
    return uitkomst.als_dict()


@shared_task(name="inkomen.hervat_herberekeningsruns", **_OPTIES)
def hervat_task() -> dict:
    """Reconciliation: send waiting runs again, restart runs without progress."""
    from .herberekeningsrun import hervat_herberekeningsruns

    return hervat_herberekeningsruns()
