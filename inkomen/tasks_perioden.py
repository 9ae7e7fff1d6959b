"""Celery tasks of inkomen (perioden): registered through ``inkomen.tasks``."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="inkomen.signaleer_verlopen_hersteltermijnen",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def signaleer_verlopen_hersteltermijnen() -> dict:
    """Beat (daily, 06:30; ``django_celery_beat`` row of migration 0010): a signal on the
    inkomensconsulent's worklist for every open opschorting whose hersteltermijn has expired
    (``inkomen.perioden.signaleer_verlopen_hersteltermijnen``). Idempotent: one signal per
    opschorting however often it runs; a missed day is caught up by the next run."""
    from .perioden import signaleer_verlopen_hersteltermijnen as signaleer

    return {"nieuw": signaleer()}
