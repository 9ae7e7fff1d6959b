"""The Betaling of one dossier-month: its identifiers and texts, its IBAN check and fields, and
booking a month through the ledger rules. Shared by the payment run's per-dossier path
(:mod:`inkomen.betaalrun`) and its bulk path (:mod:`inkomen.betaalrun_bulk`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from stdnum import iban as stdnum_iban
from stdnum.iso7064 import mod_97_10

from bijstand.core import tijd
from bijstand.dossiers.models import Werkzoekende

from . import maandbetaling, rekenregels
from .models import (
    NUL,
    Betaalrun,
    Betaling,
    BetalingStatus,
    NietBetaaldReden,
)
from .rekenregels.opmaak import MAANDNAMEN

logger = logging.getLogger("inkomen.betaalrun")

_COMPACT_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}")


def end_to_end_id(maand: date, dossier_id: int) -> str:
    """Stable per dossier-month (max 35, SEPA charset), never a BSN."""
    return f"WI-{maand:%Y%m}-{dossier_id}"


def bericht_id(maand: date) -> str:
    return f"WI-BETAALRUN-{maand:%Y%m}"


def omschrijving(maand: date) -> str:
    """Remittance text (Ustrd): names only the month."""
    return f"Uitkering Participatiewet {MAANDNAMEN[maand.month - 1]} {maand.year}"


def betaaldatum_voor(maand: date, vandaag: date | None = None) -> date:
    """The execution date: the INKOMEN_BETAALDAG of the month, never in the past."""
    dag = getattr(settings, "INKOMEN_BETAALDAG", 25)
    laatste = (tijd.maand_plus(maand, 1) - maand).days
    gewenst = maand.replace(day=max(1, min(dag, laatste)))
    vandaag = vandaag or tijd.vandaag()
    return max(gewenst, vandaag)


@lru_cache(maxsize=256)
def _bban_patroon(land: str) -> re.Pattern[str] | None:
    """The BBAN structure of ``land`` from python-stdnum's IBAN registry (once per country);
    ``None`` for a country stdnum does not know or checks with its own module."""
    try:
        if stdnum_iban._get_cc_module(land.lower()) is not None:
            return None
        info = stdnum_iban._ibandb.info(land)
        structuur = info[0][1].get("bban") if info and info[0][1] else None
        return stdnum_iban._struct_to_re(structuur) if structuur else None
    except Exception:  # pragma: no cover - stdnum internals changed: use the full check
        return None


def _iban(waarde: str) -> str:
    """The compact IBAN when valid, else "".

    Same verdict as ``stdnum.iban.is_valid`` (mod 97 + the country's BBAN structure), but a
    stored, already compact IBAN is checked without stdnum's per-number registry lookup (the
    slowest part of a run in the profile: ~0.15 ms a number). Anything else (spaces, lower
    case, a country with its own check) goes through stdnum itself.
    """
    waarde = waarde or ""
    if _COMPACT_IBAN.fullmatch(waarde):
        patroon = _bban_patroon(waarde[:2])
        if patroon is not None:
            geldig = bool(patroon.match(waarde[4:])) and mod_97_10.is_valid(waarde[4:] + waarde[:4])
            return waarde if geldig else ""
    compact = stdnum_iban.compact(waarde)
    return compact if compact and stdnum_iban.is_valid(compact) else ""


def geldig_iban(iban: str) -> bool:
    return bool(_iban(iban))


@dataclass
class ChunkUitkomst:
    verwerkt: int = 0  # Betalingen stored by this call
    overgeslagen: int = 0  # dossiers already paid (or without uitkering for the month)
    bedrag: Decimal = NUL  # cash of the Betalingen stored by this call (opgenomen)

    def als_dict(self) -> dict[str, Any]:
        return {
            "verwerkt": self.verwerkt,
            "overgeslagen": self.overgeslagen,
            "bedrag": f"{self.bedrag:.2f}",
        }


def _naam(voornamen: str, tussenvoegsel: str, achternaam: str) -> str:
    """``Werkzoekende.naam`` from the loaded columns (the bulk path reads no model instances)."""
    return " ".join(p for p in (voornamen, tussenvoegsel, achternaam) if p)


def betaling_velden(
    *,
    run: Betaalrun,
    dossier_id: int,
    iban: str,
    naam: str,
    bedrag: Decimal,
    reden: str = "",
) -> dict[str, Any]:
    """The field values of the Betaling of a dossier-month: opgenomen, or niet_betaald with
    the reason. ``iban`` and ``naam`` are the creditor's data as stored (checked here)."""
    iban = _iban(iban or "")
    bedrag = max(bedrag, NUL)
    if not reden:
        if bedrag <= 0:
            reden = NietBetaaldReden.NIHIL
        elif not iban:
            reden = NietBetaaldReden.GEEN_IBAN
    return {
        "betaalrun_id": run.pk,
        "dossier_id": dossier_id,
        "maand": run.maand,
        "bedrag": bedrag,
        "iban": iban,
        "naam": naam[:70],
        "end_to_end_id": end_to_end_id(run.maand, dossier_id),
        "status": BetalingStatus.NIET_BETAALD if reden else BetalingStatus.OPGENOMEN,
        "reden": reden,
    }


def nieuwe_betaling(
    *,
    run: Betaalrun,
    dossier_id: int,
    werkzoekende: Werkzoekende,
    bedrag: Decimal,
    reden: str = "",
) -> Betaling:
    """The (unsaved) Betaling of a dossier-month (see :func:`betaling_velden`)."""
    return Betaling(
        **betaling_velden(
            run=run,
            dossier_id=dossier_id,
            iban=werkzoekende.iban,
            naam=werkzoekende.naam,
            bedrag=bedrag,
            reden=reden,
        )
    )


def _telt(uitkomst: ChunkUitkomst, status: str, bedrag: Decimal) -> None:
    uitkomst.verwerkt += 1
    if status == BetalingStatus.OPGENOMEN:
        uitkomst.bedrag += bedrag


def _boek_en_betaal(
    *, run: Betaalrun, dossier_id: int, iban: str, naam: str, peildatum: date | None
) -> Betaling | None:
    """``boek_maandbetaling`` + the Betaling (caller holds the lock and the transaction)."""
    reden = ""
    try:
        with transaction.atomic():
            betaling = maandbetaling.boek_maandbetaling(
                dossier_id=dossier_id, maand=run.maand, peildatum=peildatum
            )
    except rekenregels.OngeldigeInvoer as exc:
        logger.warning(
            "Betaalrun %s: dossier %s niet te berekenen: %s",
            f"{run.maand:%Y-%m}",
            dossier_id,
            sorted(exc.fouten),
        )
        betaling, reden = None, NietBetaaldReden.BEREKENING
    if betaling is None and not reden:
        return None
    if betaling is not None and betaling.niet_betaald_reden:
        reden = betaling.niet_betaald_reden  # e.g. opgeschort (art. 54 PW): nothing booked
    nieuw = Betaling(
        **betaling_velden(
            run=run,
            dossier_id=dossier_id,
            iban=iban,
            naam=naam,
            bedrag=betaling.bedrag if betaling is not None else NUL,
            reden=reden,
        )
    )
    nieuw.save(force_insert=True)
    return nieuw
