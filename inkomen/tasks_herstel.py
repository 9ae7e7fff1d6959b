"""Celery tasks of inkomen (herstel): registered through ``inkomen.tasks``."""

from __future__ import annotations
