"""Validators for Dutch identifiers, with Dutch error messages (python-stdnum does the maths)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn

POSTCODE_RE = re.compile(r"^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$")


def normaliseer_bsn(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").zfill(9) if value else ""


def validate_bsn(value: str) -> None:
    raw = re.sub(r"[\s.\-]", "", value or "")
    if not raw.isdigit() or len(raw) not in (8, 9):
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_formaat")
    try:
        stdnum_bsn.validate(raw.zfill(9))
    except StdnumError as exc:
        raise ValidationError(
            _("Dit BSN klopt niet. Controleer het nummer (elfproef)."), code="bsn_elfproef"
        ) from exc


def normaliseer_iban(value: str) -> str:
    return stdnum_iban.compact(value or "")


def validate_iban(value: str) -> None:
    try:
        stdnum_iban.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("Dit IBAN klopt niet. Controleer het rekeningnummer."), code="iban_ongeldig"
        ) from exc


def normaliseer_postcode(value: str) -> str:
    compact = re.sub(r"\s", "", (value or "").upper())
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(normaliseer_postcode(value)):
        raise ValidationError(
            _("Vul een geldige postcode in, bijvoorbeeld 3011 AB."), code="postcode_ongeldig"
        )
