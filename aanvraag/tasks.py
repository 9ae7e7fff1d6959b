"""Celery tasks of the aanvraag app. Idempotent, retried with backoff, acks late."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="aanvraag.voorschotten_betalen",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=60,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
)
def voorschotten_betalen(datum_iso: str | None = None) -> dict:
    """Beat entry point (daily, schedule in migration ``inkomen 0009``): the automatic
    voorschot (``aanvraag.voorschot.betaal_automatisch``).

    Safe to run twice or concurrently: every aanvraag is paid under its own lock and at most
    once (one voorschot per aanvraag). Database trouble is retried with backoff; the retry pays
    only what is still unpaid. A missed day (broker down) is caught up the next day: the
    condition is "the day is reached", not "the day is today".
    """
    from .voorschot import betaal_automatisch

    peildatum = date.fromisoformat(datum_iso) if datum_iso else None
    return {"betaald": betaal_automatisch(peildatum)}
