"""Validators of the inkomen app (Dutch messages)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KVK_RE = re.compile(r"^\d{8}$")
LOONHEFFINGENNUMMER_RE = re.compile(r"^\d{9}L\d{2}$")


def validate_kvk_nummer(value: str) -> None:
    """A KvK-nummer has 8 digits. python-stdnum has no ``nl.kvk`` module and the KvK dropped
    the old 11-proef for new numbers, so only the format is checked."""
    if not KVK_RE.match(value or ""):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."), code="kvk_formaat")


def validate_loonheffingennummer(value: str) -> None:
    """Loonheffingennummer: the 9-digit fiscal number, 'L' and a 2-digit sequence number."""
    if value and not LOONHEFFINGENNUMMER_RE.match(value.upper()):
        raise ValidationError(
            _("Een loonheffingennummer ziet eruit als 123456789L01."),
            code="loonheffingennummer_formaat",
        )
