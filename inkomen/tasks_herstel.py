"""Celery tasks of inkomen (herstel): registered through ``inkomen.tasks``."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="inkomen.herstel_herberekeningen",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=3,
)
def herstel_herberekeningen(limiet: int | None = None) -> dict:
    """Beat (every 5 minutes, a django_celery_beat row): recalculate the dossier-months whose
    change was committed but whose recalculation never ran, e.g. because the broker was down
    (:func:`inkomen.herberekening.herstel_open_verzoeken`). Idempotent; a month that fails
    is recorded on its outbox rows and does not stop the others."""
    from .herberekening import herstel_open_verzoeken

    return herstel_open_verzoeken(limiet=limiet).als_dict()
