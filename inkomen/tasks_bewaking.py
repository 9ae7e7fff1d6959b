"""Celery tasks of inkomen (bewaking): registered through ``inkomen.tasks``."""

from __future__ import annotations
