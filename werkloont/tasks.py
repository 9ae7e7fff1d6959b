"""Celery tasks of the werkloont app. Idempotent, retried with backoff, acks late."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="werkloont.wekelijkse_controle",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def wekelijkse_controle(datum_iso: str | None = None) -> dict:
    """Beat entry point (monday morning): flag agendas below norm or with repeated unexplained
    absence to the werkcoach and close finished Werkloont periods with a follow-up action in the
    plan. Safe to run twice: signals are unique per dossier, kind and week."""
    from .services import wekelijkse_controle as controle

    return controle(nu=date.fromisoformat(datum_iso) if datum_iso else None)
