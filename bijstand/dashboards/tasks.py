"""Celery task of the dashboards: the nightly (beat) and on-demand build of the snapshot."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="dashboards.bouw_snapshot",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def bouw_snapshot_taak(peildatum_iso: str | None = None, door_id: int | None = None) -> dict:
    """Build the snapshot of ``peildatum_iso`` (default: today). Idempotent: a second run
    of the same day replaces its rows; database trouble is retried with backoff."""
    from bijstand.accounts.models import User

    from .services import bouw_snapshot

    door = User.objects.filter(pk=door_id).first() if door_id else None
    peildatum = date.fromisoformat(peildatum_iso) if peildatum_iso else None
    peildag = bouw_snapshot(peildatum=peildatum, door=door)
    return {
        "peildatum": peildag.peildatum.isoformat(),
        "rijen": peildag.rijen,
        "seconden": peildag.seconden,
        "fouten": sorted(peildag.fouten),
    }
