"""The monthly payment run: pay every running uitkering once per month, produce the pain.001.

Flow
----
Celery beat (``django_celery_beat``, default the 25th at 06:00, editable by the beheerder) ->
task ``inkomen.maandelijkse_betaalrun`` -> :func:`start_betaalrun` (one ``Betaalrun`` per
month; plans the dossiers with a running uitkering in chunks of ``INKOMEN_BETAALRUN_CHUNK``)
-> ``chord(group(verwerk_chunk_task per chunk), rond_af_task)`` -> :func:`verwerk_chunk` per
chunk (parallel over workers) -> :func:`rond_af` (SEPA pain.001.001.03 file in private storage,
totals, status ``klaar``). ``manage.py betaalrun --maand 2026-03`` does the same by hand.

Per dossier a chunk books the month with the ledger rules of :mod:`inkomen.services`
(``boek_maandbetaling``: uitbetaling, settled schuld, nabetalingen, vakantietoeslag in May) and
stores exactly one :class:`~inkomen.models.Betaling` (UniqueConstraint dossier + maand) with
the cash amount, the IBAN and name at that moment and a deterministic end-to-end id
``WI-<yyyymm>-<dossier id>``. A dossier with nothing to pay, no valid IBAN or data the rules
cannot calculate gets a ``niet_betaald`` Betaling with its reason: the consulent sees it and
pays by hand; it is not in the file.

Two paths, identical results (``tests/inkomen/test_betaalrun_bulk.py`` proves it):

- the per-dossier path (``bulk=False``): ``boek_maandbetaling`` + Betaling in one transaction
  per dossier, ~15-20 queries a dossier;
- the bulk path (default): one transaction per chunk; locks the chunk's ``Uitkering`` rows
  (``select_for_update`` ordered by id, so two lockers never deadlock), loads the chunk's
  opgaven, households, vrijlating counters, existing berekeningen and ledger state in a few
  queries, calculates with the same helpers (``services.reken_maand``,
  ``services.nieuwe_berekening``, ``services.uitbetaling_boeking``, ...) and writes with
  ``bulk_create``. Dossiers with open ledger items (verrekeningsschuld, unpaid nabetalingen or
  inhoudingen) go through ``boek_maandbetaling`` inside the same transaction: those rules are
  not duplicated.

How faults are handled
----------------------
- **Task delivered twice / chunk rerun**: every step is idempotent. A dossier that already has
  its Betaling for the month is skipped under its row lock; ``boek_maandbetaling`` books a month
  once (unique ``uitbetaling_voorlopig`` per dossier-month); the progress counter counts a chunk
  once (``BetaalrunDeel`` unique per run and chunk number, counter += 1 with ``F()`` only when
  that row is new, in the same transaction).
- **Worker killed mid-chunk**: tasks are ``acks_late`` with ``reject_on_worker_lost``, so the
  broker redelivers the chunk. The bulk path's transaction covers the whole chunk (nothing of
  it was committed); the per-dossier path committed whole dossiers only, which the rerun skips.
- **Database trouble** (deadlock, lost connection): ``OperationalError`` is retried with
  exponential backoff; when the retries are exhausted the run becomes ``mislukt`` with the
  error; rerunning (beat, command or admin) resumes it (``mislukt -> bezig``) and processes
  only the chunks not yet done.
- **Recalculation during the run**: ``herbereken_maand`` takes the same Uitkering row lock, so
  it runs before or after the chunk's write of that dossier, never interleaved; a recalculation
  after the payment books its difference (nabetaling / verrekeningsschuld) for the next run.
- **Rerun of a finished month**: :func:`start_betaalrun` and :func:`rond_af` return the
  ``klaar`` run unchanged (same file, same SHA-256). The file is also reproducible by itself:
  MsgId, PmtInfId and CreDtTm derive from the run, not from the clock or randomness.
- **Missing dossiers**: before writing the file, :func:`rond_af` pays any planned dossier that
  has no Betaling yet (e.g. a chunk that changed shape between a failure and the resume).
- **No BSN** in the file, the ids or the logs: dossier ids only.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban

from bijstand.dossiers.models import HuishoudenLid, Werkzoekende
from bijstand.logboek.services import log_verwerking

from . import rekenregels, selectors, services
from .models import (
    BETAALRUN_OVERGANGEN,
    NUL,
    Berekening,
    Betaalrun,
    BetaalrunDeel,
    BetaalrunStatus,
    BetaalrunWijziging,
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    Inkomstenopgave,
    NietBetaaldReden,
    Uitkering,
    UitkeringStatus,
    VrijlatingToepassing,
)
from .rekenregels.opmaak import MAANDNAMEN
from .sepa import SepaBetaling, maak_pain001

logger = logging.getLogger(__name__)

ACTIVITEIT = "uitkering"


# --------------------------------------------------------------------------------------------
# identifiers and texts


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
    laatste = (services.plus_maanden(maand, 1) - maand).days
    gewenst = maand.replace(day=max(1, min(dag, laatste)))
    vandaag = vandaag or services.huidige_datum()
    return max(gewenst, vandaag)


@lru_cache(maxsize=8192)
def _iban(waarde: str) -> str:
    """The compact IBAN when valid (mod-97), else "" (cached: a run checks tens of thousands)."""
    compact = stdnum_iban.compact(waarde or "")
    return compact if compact and stdnum_iban.is_valid(compact) else ""


def geldig_iban(iban: str) -> bool:
    return bool(_iban(iban))


# --------------------------------------------------------------------------------------------
# status transitions and progress


def _wijzig_status(
    run: Betaalrun, naar: str, *, door: Any = None, toelichting: str = ""
) -> Betaalrun:
    """Move ``run`` (locked by the caller) along ``BETAALRUN_OVERGANGEN`` and record it."""
    van = run.status
    if naar not in BETAALRUN_OVERGANGEN.get(van, frozenset()):
        raise ValidationError(
            {"status": _("Deze statuswijziging van de betaalrun is niet toegestaan.")}
        )
    run.status = naar
    velden = ["status"]
    if naar == BetaalrunStatus.BEZIG:
        run.gestart_op = run.gestart_op or timezone.now()
        run.foutmelding = ""
        velden += ["gestart_op", "foutmelding"]
    elif naar == BetaalrunStatus.KLAAR:
        run.klaar_op = timezone.now()
        velden.append("klaar_op")
    elif naar == BetaalrunStatus.MISLUKT:
        run.foutmelding = toelichting[:2000]
        velden.append("foutmelding")
    run.save(update_fields=velden)
    BetaalrunWijziging.objects.create(
        betaalrun=run,
        van=van,
        naar=naar,
        toelichting=toelichting[:2000],
        door=door if getattr(door, "pk", None) else None,
    )
    return run


def markeer_mislukt(*, betaalrun_id: int, fout: str) -> None:
    """Record that the run stopped (a chunk or the file failed); a rerun resumes it."""
    with transaction.atomic():
        run = Betaalrun.objects.select_for_update().get(pk=betaalrun_id)
        if BetaalrunStatus.MISLUKT in BETAALRUN_OVERGANGEN.get(run.status, frozenset()):
            _wijzig_status(run, BetaalrunStatus.MISLUKT, toelichting=fout)


def betaalrun_voortgang(betaalrun: Betaalrun) -> dict[str, Any]:
    """Progress of a run for the screens and the admin (fresh from the database).

    Keys: status, status_label, chunks_klaar, chunks_totaal, percentage (0-100), aantal_betalingen,
    totaal_bedrag (Decimal), aantal_niet_betaald, gestart_op, klaar_op, foutmelding. While the
    run is busy the counts are live counts of the Betalingen stored so far.
    """
    run = Betaalrun.objects.get(pk=betaalrun.pk)
    if run.status == BetaalrunStatus.KLAAR:
        aantal, totaal, niet = run.aantal_betalingen, run.totaal_bedrag, run.aantal_niet_betaald
    else:
        r = Betaling.objects.filter(betaalrun=run).aggregate(
            n=Count("id", filter=Q(status=BetalingStatus.OPGENOMEN)),
            s=Sum("bedrag", filter=Q(status=BetalingStatus.OPGENOMEN)),
            niet=Count("id", filter=Q(status=BetalingStatus.NIET_BETAALD)),
        )
        aantal, totaal, niet = r["n"], r["s"] or NUL, r["niet"]
    if run.status == BetaalrunStatus.KLAAR:
        percentage = 100
    elif run.chunks_totaal:
        percentage = min(99, int(100 * run.chunks_klaar / run.chunks_totaal))
    else:
        percentage = 0
    return {
        "status": run.status,
        "status_label": run.get_status_display(),
        "chunks_klaar": run.chunks_klaar,
        "chunks_totaal": run.chunks_totaal,
        "percentage": percentage,
        "aantal_betalingen": aantal,
        "totaal_bedrag": totaal,
        "aantal_niet_betaald": niet,
        "gestart_op": run.gestart_op,
        "klaar_op": run.klaar_op,
        "foutmelding": run.foutmelding,
    }


# --------------------------------------------------------------------------------------------
# planning


def te_betalen_dossiers(maand: date) -> list[int]:
    """Dossier ids with a running uitkering covering ``maand`` (ordered)."""
    return list(
        Uitkering.objects.filter(
            status=UitkeringStatus.LOPEND, ingangsdatum__lt=services.plus_maanden(maand, 1)
        )
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=maand))
        .order_by("dossier_id")
        .values_list("dossier_id", flat=True)
    )


def in_delen(ids: list[int], grootte: int) -> list[list[int]]:
    grootte = max(1, grootte)
    return [ids[i : i + grootte] for i in range(0, len(ids), grootte)]


def start_betaalrun(*, maand: date, door: Any = None) -> Betaalrun:
    """Create or resume the run of ``maand``; plan its chunks. Idempotent.

    A finished run (``klaar``) is returned unchanged (``run.te_doen == []``). Otherwise the run
    becomes ``bezig`` and ``run.te_doen`` lists ``(nummer, dossier_ids)`` of the chunks not yet
    processed; the caller dispatches them (task) or runs them (command).
    """
    maand = services.eerste_van_maand(maand)
    grootte = getattr(settings, "INKOMEN_BETAALRUN_CHUNK", 500)
    with transaction.atomic():
        Betaalrun.objects.get_or_create(
            maand=maand,
            defaults={
                "betaaldatum": betaaldatum_voor(maand),
                "bericht_id": bericht_id(maand),
                "gestart_door": door if getattr(door, "pk", None) else None,
            },
        )
        run = Betaalrun.objects.select_for_update().get(maand=maand)
        if run.status == BetaalrunStatus.KLAAR:
            run.te_doen = []
            return run
        delen = in_delen(te_betalen_dossiers(maand), grootte)
        klaar = set(BetaalrunDeel.objects.filter(betaalrun=run).values_list("nummer", flat=True))
        if run.status != BetaalrunStatus.BEZIG:
            _wijzig_status(
                run,
                BetaalrunStatus.BEZIG,
                door=door,
                toelichting=_("%(n)s delen gepland") % {"n": len(delen)},
            )
        run.chunks_totaal = len(delen)
        run.chunks_klaar = len(klaar & set(range(len(delen))))
        run.save(update_fields=["chunks_totaal", "chunks_klaar"])
    run.te_doen = [(nr, ids) for nr, ids in enumerate(delen) if nr not in klaar]
    return run


# --------------------------------------------------------------------------------------------
# one chunk


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


def nieuwe_betaling(
    *,
    run: Betaalrun,
    dossier_id: int,
    werkzoekende: Werkzoekende,
    bedrag: Decimal,
    reden: str = "",
) -> Betaling:
    """The (unsaved) Betaling of a dossier-month: opgenomen, or niet_betaald with the reason."""
    iban = _iban(werkzoekende.iban or "")
    bedrag = max(bedrag, NUL)
    if not reden:
        if bedrag <= 0:
            reden = NietBetaaldReden.NIHIL
        elif not iban:
            reden = NietBetaaldReden.GEEN_IBAN
    return Betaling(
        betaalrun_id=run.pk,
        dossier_id=dossier_id,
        maand=run.maand,
        bedrag=bedrag,
        iban=iban,
        naam=werkzoekende.naam[:70],
        end_to_end_id=end_to_end_id(run.maand, dossier_id),
        status=BetalingStatus.NIET_BETAALD if reden else BetalingStatus.OPGENOMEN,
        reden=reden,
    )


def _telt(uitkomst: ChunkUitkomst, betaling: Betaling) -> None:
    uitkomst.verwerkt += 1
    if betaling.status == BetalingStatus.OPGENOMEN:
        uitkomst.bedrag += betaling.bedrag


def _markeer_deel(run: Betaalrun, nummer: int | None, aantal: int) -> None:
    """Count a chunk once (call inside the chunk's transaction or after its dossiers)."""
    if nummer is None:
        return
    _deel, nieuw = BetaalrunDeel.objects.get_or_create(
        betaalrun=run, nummer=nummer, defaults={"aantal_dossiers": aantal}
    )
    if nieuw:
        Betaalrun.objects.filter(pk=run.pk).update(chunks_klaar=F("chunks_klaar") + 1)


def betaal_dossier(
    *, run: Betaalrun, dossier_id: int, peildatum: date | None = None
) -> Betaling | None:
    """The per-dossier path: book the month and store the Betaling in one transaction.

    Returns the existing Betaling when the month was paid before, ``None`` when the dossier
    has no uitkering for the month.
    """
    with transaction.atomic():
        try:
            uitkering = (
                Uitkering.objects.select_for_update(of=("self",))
                .select_related("dossier__werkzoekende")
                .get(dossier_id=dossier_id)
            )
        except Uitkering.DoesNotExist:
            return None
        bestaand = Betaling.objects.filter(dossier_id=dossier_id, maand=run.maand).first()
        if bestaand is not None:
            bestaand.al_betaald = True
            return bestaand
        return _boek_en_betaal(run=run, uitkering=uitkering, peildatum=peildatum)


def _boek_en_betaal(
    *, run: Betaalrun, uitkering: Uitkering, peildatum: date | None
) -> Betaling | None:
    """``boek_maandbetaling`` + the Betaling (caller holds the lock and the transaction)."""
    dossier_id = uitkering.dossier_id
    reden = ""
    try:
        with transaction.atomic():
            betaling = services.boek_maandbetaling(
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
    nieuw = nieuwe_betaling(
        run=run,
        dossier_id=dossier_id,
        werkzoekende=uitkering.dossier.werkzoekende,
        bedrag=betaling.bedrag if betaling is not None else NUL,
        reden=reden,
    )
    nieuw.save(force_insert=True)
    return nieuw


def verwerk_chunk(
    *,
    betaalrun_id: int,
    dossier_ids: Iterable[int],
    nummer: int | None = None,
    bulk: bool | None = None,
    peildatum: date | None = None,
) -> ChunkUitkomst:
    """Pay the dossiers of one chunk. Idempotent (module docstring: faults).

    ``nummer`` identifies the chunk for the progress counter (``None``: not counted, e.g. the
    final sweep). ``bulk`` defaults to ``settings.INKOMEN_BETAALRUN_BULK`` (True).
    """
    ids = sorted(set(dossier_ids))
    run = Betaalrun.objects.get(pk=betaalrun_id)
    uitkomst = ChunkUitkomst()
    if run.status == BetaalrunStatus.KLAAR:
        uitkomst.overgeslagen = len(ids)
        return uitkomst
    if bulk is None:
        bulk = getattr(settings, "INKOMEN_BETAALRUN_BULK", True)
    if bulk:
        with transaction.atomic():
            uitkomst = _verwerk_bulk(run=run, ids=ids, peildatum=peildatum)
            _markeer_deel(run, nummer, len(ids))
        return uitkomst
    betaald = []
    for dossier_id in ids:
        betaling = betaal_dossier(run=run, dossier_id=dossier_id, peildatum=peildatum)
        if betaling is None or getattr(betaling, "al_betaald", False):
            uitkomst.overgeslagen += 1
        else:
            _telt(uitkomst, betaling)
            betaald.append(dossier_id)
    with transaction.atomic():
        _log_betaald(run, betaald)
        _markeer_deel(run, nummer, len(ids))
    return uitkomst


def _log_betaald(run: Betaalrun, dossier_ids: list[int]) -> None:
    if not dossier_ids:
        return
    subjects = [
        f"werkzoekende:{p}"
        for p in Werkzoekende.objects.filter(dossiers__id__in=dossier_ids).values_list(
            "publiek_id", flat=True
        )
    ]
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie="betaalrun",
        subjects=subjects,
        soorten_gegevens=["uitkering", "bankrekening"],
        actor="inkomen.betaalrun",
    )


# --------------------------------------------------------------------------------------------
# the bulk path


def _groepeer(rijen: Iterable[Any], sleutel: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    groepen: dict[Any, list[Any]] = defaultdict(list)
    for rij in rijen:
        groepen[sleutel(rij)].append(rij)
    return groepen


def _verwerk_bulk(*, run: Betaalrun, ids: list[int], peildatum: date | None) -> ChunkUitkomst:
    """One chunk in one transaction (the caller's): lock, load, calculate, bulk write."""
    maand = run.maand
    peildatum = peildatum or services.huidige_datum()
    uitkomst = ChunkUitkomst()
    uitkeringen = list(
        Uitkering.objects.select_for_update(of=("self",))
        .select_related("dossier__werkzoekende")
        .filter(dossier_id__in=ids)
        .order_by("pk")
    )
    al_betaald = set(
        Betaling.objects.filter(maand=maand, dossier_id__in=ids).values_list(
            "dossier_id", flat=True
        )
    )
    te_betalen = [
        u
        for u in uitkeringen
        if u.dossier_id not in al_betaald
        and u.status == UitkeringStatus.LOPEND
        and maand >= services.eerste_van_maand(u.ingangsdatum)
        and (u.einddatum is None or maand <= u.einddatum)
    ]
    uitkomst.overgeslagen = len(ids) - len(te_betalen)
    if not te_betalen:
        return uitkomst
    te_betalen_ids = [u.dossier_id for u in te_betalen]
    # Open ledger items (or a month booked without its Betaling): the per-dossier rules.
    bijzonder = set(
        Boeking.objects.filter(dossier_id__in=te_betalen_ids)
        .filter(
            Q(soort=BoekingSoort.VERREKENINGSSCHULD)
            | Q(soort__in=[BoekingSoort.NABETALING, BoekingSoort.INHOUDING], betaalmaand=None)
            | Q(betaalmaand=maand)
        )
        .values_list("dossier_id", flat=True)
        .distinct()
    )
    snel = [u for u in te_betalen if u.dossier_id not in bijzonder]
    betalingen: list[Betaling] = []
    betaald: list[Uitkering] = []

    # 1. berekeningen: the actuele one, or calculated now for the whole chunk
    berekeningen = {
        b.dossier_id: b
        for b in Berekening.objects.filter(
            dossier_id__in=[u.dossier_id for u in snel], maand=maand, actueel=True
        )
    }
    nodig = [u for u in snel if u.dossier_id not in berekeningen]
    fout: set[int] = set()
    if nodig:
        nieuw, fout = _bereken_bulk(nodig, maand)
        berekeningen.update(nieuw)

    # 2. ledger lines
    vt_maand = getattr(settings, "INKOMEN_VAKANTIETOESLAG_MAAND", 5)
    reservering: dict[int, Decimal] = {}
    if maand.month == vt_maand:
        reservering = dict(
            Boeking.objects.filter(dossier_id__in=[u.dossier_id for u in snel])
            .values("dossier_id")
            .annotate(v=Sum("vakantietoeslag"))
            .values_list("dossier_id", "v")
        )
    boekingen: list[Boeking] = []
    for u in snel:
        werkzoekende = u.dossier.werkzoekende
        if u.dossier_id in fout:
            betalingen.append(
                nieuwe_betaling(
                    run=run,
                    dossier_id=u.dossier_id,
                    werkzoekende=werkzoekende,
                    bedrag=NUL,
                    reden=NietBetaaldReden.BEREKENING,
                )
            )
            continue
        berekening = berekeningen[u.dossier_id]
        boekingen.append(
            services.uitbetaling_boeking(
                dossier_id=u.dossier_id, maand=maand, berekening=berekening
            )
        )
        bedrag = berekening.bijstand - berekening.vakantietoeslag
        if maand.month == vt_maand:
            vt = (reservering.get(u.dossier_id) or NUL) + berekening.vakantietoeslag
            if vt > 0:
                boekingen.append(
                    services.vakantietoeslag_boeking(
                        dossier_id=u.dossier_id, maand=maand, reservering=vt
                    )
                )
                bedrag += vt
        betalingen.append(
            nieuwe_betaling(
                run=run, dossier_id=u.dossier_id, werkzoekende=werkzoekende, bedrag=bedrag
            )
        )
        betaald.append(u)
    Boeking.objects.bulk_create(boekingen, batch_size=2000)

    # 3. the dossiers with open items: the per-dossier rules, in this transaction
    for u in te_betalen:
        if u.dossier_id in bijzonder:
            betaling = _boek_en_betaal(run=run, uitkering=u, peildatum=peildatum)
            if betaling is not None:
                _telt(uitkomst, betaling)
                betaald.append(u)
            else:
                uitkomst.overgeslagen += 1

    Betaling.objects.bulk_create(betalingen, batch_size=2000)
    for b in betalingen:
        _telt(uitkomst, b)
    # One log operation for the chunk: calculated and paid (the per-dossier path writes one
    # herbereken_maand operation per dossier plus one betaalrun operation per chunk).
    if snel:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="betaalrun",
            subjects=[u.dossier.werkzoekende.log_subject for u in snel],
            soorten_gegevens=["inkomen", "huishouden", "uitkering", "bankrekening"],
            actor="inkomen.betaalrun",
        )
    bijzonder_betaald = [u.dossier_id for u in betaald if u.dossier_id in bijzonder]
    _log_betaald(run, bijzonder_betaald)
    return uitkomst


def _bereken_bulk(
    uitkeringen: list[Uitkering], maand: date
) -> tuple[dict[int, Berekening], set[int]]:
    """Calculate and store version 1 of ``maand`` for dossiers without a berekening.

    The same inputs as ``herbereken_maand`` (effective opgaven, household, vrijlating counters,
    no estimate: the month is unpaid), loaded for all dossiers at once. Returns the new
    berekeningen by dossier id and the dossier ids the rules could not calculate.
    """
    ids = [u.dossier_id for u in uitkeringen]
    m = rekenregels.Maand(maand.year, maand.month)
    regelset = selectors.regelset_voor_maand(maand)
    beleid = selectors.beleid_voor_maand(maand)
    opgaven = _groepeer(
        Inkomstenopgave.objects.filter(dossier_id__in=ids, maand=maand, vervangen_door__isnull=True)
        .exclude(beoordeling="afgewezen")
        .order_by("pk"),
        lambda o: o.dossier_id,
    )
    leden = _groepeer(
        HuishoudenLid.objects.filter(
            huishouden__werkzoekende_id__in=[u.dossier.werkzoekende_id for u in uitkeringen]
        )
        .annotate(_werkzoekende_id=F("huishouden__werkzoekende_id"))
        .order_by("pk"),
        lambda lid: lid._werkzoekende_id,
    )
    tellers = _groepeer(
        VrijlatingToepassing.objects.filter(dossier_id__in=ids, actueel=True, maand__lt=maand)
        .values("dossier_id", "persoon", "soort")
        .annotate(aantal=Count("maand", distinct=True), eerste=Min("maand")),
        lambda r: r["dossier_id"],
    )
    sommen: list[tuple[Uitkering, services.Rekensom]] = []
    fout: set[int] = set()
    for u in uitkeringen:
        try:
            som = services.reken_maand(
                uitkering=u,
                m=m,
                opgaven=selectors.kies_effectieve_opgaven(opgaven.get(u.dossier_id, [])),
                vrijlating_maanden_gebruikt=selectors.tel_vrijlating_maanden(
                    tellers.get(u.dossier_id, []), maand=maand, beleid=beleid
                ),
                geschat=None,
                regelset=regelset,
                beleid=beleid,
                leden=leden.get(u.dossier.werkzoekende_id, []),
            )
        except rekenregels.OngeldigeInvoer as exc:
            logger.warning(
                "Betaalrun %s: dossier %s niet te berekenen: %s",
                f"{maand:%Y-%m}",
                u.dossier_id,
                sorted(exc.fouten),
            )
            fout.add(u.dossier_id)
            continue
        sommen.append((u, som))
    nieuw = [
        services.nieuwe_berekening(
            dossier_id=u.dossier_id,
            maand=maand,
            versie=1,
            som=som,
            regelset=regelset,
            beleid=beleid,
            aanleiding="betaalrun",
        )
        for u, som in sommen
    ]
    Berekening.objects.bulk_create(nieuw, batch_size=1000)
    Door = Berekening.opgaven.through
    Door.objects.bulk_create(
        [
            Door(berekening_id=b.pk, inkomstenopgave_id=o.pk)
            for b, (_u, som) in zip(nieuw, sommen, strict=True)
            for o in som.opgaven
        ],
        batch_size=2000,
    )
    VrijlatingToepassing.objects.bulk_create(
        [
            rij
            for b, (_u, som) in zip(nieuw, sommen, strict=True)
            for rij in services.vrijlating_rijen(b, som)
        ],
        batch_size=2000,
    )
    # As herbereken_maand: a new vrijlating changes the counters of later calculated months.
    met_vrijlating = [b.dossier_id for b in nieuw if b.vrijlatingen]
    if met_vrijlating:
        for dossier_id, later in (
            Berekening.objects.filter(dossier_id__in=met_vrijlating, actueel=True, maand__gt=maand)
            .order_by("dossier_id", "maand")
            .values_list("dossier_id", "maand")
        ):
            services._herbereken_na_commit(dossier_id, later)
    return {b.dossier_id: b for b in nieuw}, fout


# --------------------------------------------------------------------------------------------
# finishing: the file


def rond_af(*, betaalrun_id: int) -> Betaalrun:
    """Pay any planned dossier still without a Betaling, write the pain.001 and finish.

    Idempotent: a ``klaar`` run is returned unchanged. On a file error the run becomes
    ``mislukt`` (with the message) and the error is raised.
    """
    run = Betaalrun.objects.get(pk=betaalrun_id)
    if run.status == BetaalrunStatus.KLAAR:
        return run
    if run.status != BetaalrunStatus.BEZIG:
        raise ValidationError({"status": _("Start de betaalrun eerst.")})
    betaald = set(Betaling.objects.filter(maand=run.maand).values_list("dossier_id", flat=True))
    ontbrekend = [d for d in te_betalen_dossiers(run.maand) if d not in betaald]
    if ontbrekend:
        logger.info("Betaalrun %s: %s dossiers nagekomen", f"{run.maand:%Y-%m}", len(ontbrekend))
        verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ontbrekend)
    try:
        with transaction.atomic():
            run = Betaalrun.objects.select_for_update().get(pk=betaalrun_id)
            if run.status == BetaalrunStatus.KLAAR:
                return run
            _schrijf_bestand(run)
            _wijzig_status(run, BetaalrunStatus.KLAAR)
    except Exception as exc:
        markeer_mislukt(betaalrun_id=betaalrun_id, fout=f"{type(exc).__name__}: {exc}")
        raise
    return run


def _schrijf_bestand(run: Betaalrun) -> None:
    rijen = list(
        Betaling.objects.filter(betaalrun=run, status=BetalingStatus.OPGENOMEN)
        .order_by("dossier_id")
        .values_list("end_to_end_id", "naam", "iban", "bedrag")
    )
    tekst = omschrijving(run.maand)
    totaal = sum((r[3] for r in rijen), NUL)
    run.aantal_betalingen = len(rijen)
    run.totaal_bedrag = totaal
    run.aantal_niet_betaald = Betaling.objects.filter(
        betaalrun=run, status=BetalingStatus.NIET_BETAALD
    ).count()
    velden = ["aantal_betalingen", "totaal_bedrag", "aantal_niet_betaald"]
    if rijen:
        xml = maak_pain001(
            bericht_id=run.bericht_id or bericht_id(run.maand),
            aangemaakt_op=timezone.localtime(run.aangemaakt_op).replace(microsecond=0),
            uitvoeringsdatum=run.betaaldatum,
            debiteur_naam=settings.INKOMEN_SEPA_NAAM,
            debiteur_iban=settings.INKOMEN_SEPA_IBAN,
            debiteur_bic=settings.INKOMEN_SEPA_BIC or None,
            betalingen=(
                SepaBetaling(e2e, naam, iban, bedrag, tekst) for e2e, naam, iban, bedrag in rijen
            ),
        )
        opslag = run.bestand.storage
        naam = run.bestand.field.generate_filename(run, "pain001.xml")
        if opslag.exists(naam):
            opslag.delete(naam)
        run.bestand.save(naam, ContentFile(xml), save=False)
        run.bestand_sha256 = hashlib.sha256(xml).hexdigest()
        velden += ["bestand", "bestand_sha256"]
    run.save(update_fields=velden)


def voer_uit(
    *,
    maand: date,
    door: Any = None,
    bulk: bool | None = None,
    voortgang: Callable[[Betaalrun], None] | None = None,
) -> Betaalrun:
    """Run (or resume, or return the finished) run of ``maand`` in this process, chunk after
    chunk: the management command and the tests. Workers use the tasks instead."""
    run = start_betaalrun(maand=maand, door=door)
    for nummer, ids in run.te_doen:
        verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer, bulk=bulk)
        if voortgang is not None:
            voortgang(Betaalrun.objects.get(pk=run.pk))
    return rond_af(betaalrun_id=run.pk)
