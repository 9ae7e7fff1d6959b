"""Validators of the vacatures app (Dutch messages)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KVK_RE = re.compile(r"^\d{8}$")


def validate_kvk_nummer(value: str) -> None:
    """A KvK-nummer has 8 digits. python-stdnum has no ``nl.kvk`` module and the KvK dropped
    the 11-proef for new numbers, so only the format is checked."""
    if not KVK_RE.match(value or ""):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."), code="kvk_formaat")


def normaliseer_kvk(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")
