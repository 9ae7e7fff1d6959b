"""Celery tasks of inkomen (herberekeningsrun): registered through ``inkomen.tasks``."""

from __future__ import annotations
