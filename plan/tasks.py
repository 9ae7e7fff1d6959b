"""Celery tasks of the plan app. Idempotent, retried with backoff, acks late."""

from __future__ import annotations

import smtplib
from datetime import date

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="plan.dagelijkse_herinneringen",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
)
def dagelijkse_herinneringen(datum_iso: str | None = None) -> dict:
    """Beat entry point (daily, see migration 0002): reminders about due and overdue actions.

    Safe to run twice or concurrently (``plan.herinneringen``): each notification exists once
    per action and kind, and an e-mail is sent only for notifications still waiting. Database
    or mail-server trouble is retried with exponential backoff; a retry sends only what was
    not sent yet.
    """
    from .herinneringen import verstuur_herinneringen

    vandaag = date.fromisoformat(datum_iso) if datum_iso else None
    return verstuur_herinneringen(vandaag=vandaag)
