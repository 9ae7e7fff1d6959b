"""Celery tasks of inkomen (bewaking): registered through ``inkomen.tasks``."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="inkomen.bewaak_betaalruns",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=3,
)
def bewaak_betaalruns() -> list[dict]:
    """Beat (every 5 minutes): resume stalled payment runs, finish the ones never rounded off,
    raise the alarm when that cannot be done (:mod:`inkomen.betaalrun_bewaking`). Idempotent;
    two at the same moment do the work once (row lock)."""
    from .betaalrun_bewaking import bewaak_betaalruns as bewaak

    return [b.als_dict() for b in bewaak()]
