"""Celery tasks of inkomen (perioden): registered through ``inkomen.tasks``."""

from __future__ import annotations
